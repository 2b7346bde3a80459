/**
 * What both bundled router policies share: the prompt-size estimate ({@link
 * dev.rampart.plugins.router.support.TokenEstimator}), what a request needs from a model ({@link
 * dev.rampart.plugins.router.support.RequestNeeds}), target names ({@link
 * dev.rampart.plugins.router.support.Targets}), screening candidates against those needs ({@link
 * dev.rampart.plugins.router.support.Eligibility}), and small thread-safe state ({@link
 * dev.rampart.plugins.router.support.Ewma}, {@link dev.rampart.plugins.router.support.BoundedTable}).
 *
 * <p>This is not a plugin. Its classes are shaded into each router plugin jar, because PF4J gives
 * every plugin its own class loader and one plugin cannot see another's classes.
 */
package dev.rampart.plugins.router.support;
