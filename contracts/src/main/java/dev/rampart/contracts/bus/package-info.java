/** The event-bus door: addresses, headers and the failure convention. */
package dev.rampart.contracts.bus;
