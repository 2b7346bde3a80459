/** Check runner extension point (lint, test, build, custom checks). */
package dev.rampart.contracts.check;
