/** Router policy extension point. */
package dev.rampart.contracts.router;
