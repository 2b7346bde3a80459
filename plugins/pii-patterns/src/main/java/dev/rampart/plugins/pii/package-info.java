/** The {@code pii-patterns} plugin: a PF4J extension implementing the PII detector SPI. */
package dev.rampart.plugins.pii;
