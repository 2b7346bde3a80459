/**
 * Persistence extension point: durable, tenant-scoped storage. Every method takes the tenant id
 * first; an adapter must never return or change another tenant's data, whatever ids it is given.
 * The TCK in the {@code rampart-contracts} test-jar ({@code dev.rampart.contracts.tck.PersistenceTck})
 * says whether an adapter is correct.
 */
package dev.rampart.contracts.persistence;
