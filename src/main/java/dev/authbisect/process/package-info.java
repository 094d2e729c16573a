/**
 * Running commands for builds and probes alike: a clean environment (nothing of this JVM's is
 * inherited; {@link dev.authbisect.process.Scratch} gives the private HOME, TMPDIR and working
 * folder), containment and process-tree kill ({@link dev.authbisect.process.Containment}), bounded
 * and redacted output capture, and {@link dev.authbisect.process.ProcessRunner#stopAll()} for
 * interrupts. It depends only on {@code core} and {@code config}; {@code workspace} (builds) and
 * {@code probe} (trials) use it.
 */
package dev.authbisect.process;
