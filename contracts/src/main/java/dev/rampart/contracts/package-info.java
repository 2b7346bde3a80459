/**
 * The Rampart SDK: what a plugin author compiles against ({@code provided} scope).
 *
 * <p>Every extension point extends {@link dev.rampart.contracts.Extension}. A plugin contributes
 * extension <em>types</em>; {@code config/rampart.yaml} creates named <em>instances</em> of them,
 * each a fresh object started with its own settings. The kernel wraps every call into an
 * extension with a time limit, metrics and error translation.
 */
package dev.rampart.contracts;
