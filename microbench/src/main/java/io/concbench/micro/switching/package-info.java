/**
 * Tables T10 and T2: what handing control from one thread to another costs, for platform threads
 * (a kernel context switch) and virtual threads (an unmount and a mount on a carrier). Use it to
 * compare handoff mechanisms and thread kinds in nanoseconds per handoff.
 */
package io.concbench.micro.switching;
