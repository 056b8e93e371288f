package io.concbench.model.epoll;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;
import java.util.Optional;

/**
 * The Linux system calls the epoll model makes, bound once through the Foreign Function &amp; Memory
 * API by reflection, as {@code harness.probe.Rusage} does: the project compiles with
 * {@code --release 21}, where {@code java.lang.foreign} is a preview API that cannot be named, while
 * JDK 22+ has it final at run time.
 *
 * <p>Hot-path speed: every pointer argument is declared {@code JAVA_LONG} (an address is a 64-bit
 * integer in the x86_64 and aarch64 calling conventions), so each handle has a primitive type such as
 * {@code (int,long,long)long} and is called with {@code invokeExact}. errno is captured into a small
 * native segment ({@code Linker.Option.captureCallState("errno")}); each {@link Calls} binds its own
 * segment into its handles with {@link MethodHandles#insertArguments}, so one {@code Calls} per
 * thread keeps errno readings apart and the handles primitive-typed.
 *
 * <p>Memory: each {@code Calls} owns a shared {@code Arena}; {@link Calls#allocate} hands out native
 * buffers as an address (for the calls) and a direct {@link ByteBuffer} view (for Java), freed by
 * {@link Calls#close}. Every length passed with an address is checked against its buffer by
 * {@link NativeBuffer#address(int, int)}.
 */
final class Linux {

    /** The first JDK where java.lang.foreign is final (JEP 454). */
    static final int FOREIGN_FINAL_SINCE = 22;

    static final int AF_INET = 2;
    static final int AF_INET6 = 10;
    static final int SOCK_STREAM = 1;
    static final int SOCK_NONBLOCK = 0x800;
    static final int SOCK_CLOEXEC = 0x80000;
    static final int SOL_SOCKET = 1;
    static final int SO_REUSEADDR = 2;
    static final int SO_SNDBUF = 7;
    static final int SO_REUSEPORT = 15;
    static final int IPPROTO_TCP = 6;
    static final int TCP_NODELAY = 1;
    static final int MSG_NOSIGNAL = 0x4000;
    static final int SHUT_WR = 1;

    static final int EPOLL_CLOEXEC = 0x80000;
    static final int EPOLL_CTL_ADD = 1;
    static final int EPOLL_CTL_DEL = 2;
    static final int EPOLL_CTL_MOD = 3;
    static final int EPOLLIN = 0x1;
    static final int EPOLLOUT = 0x4;
    static final int EPOLLERR = 0x8;
    static final int EPOLLHUP = 0x10;
    static final int EPOLLEXCLUSIVE = 1 << 28;
    static final int EFD_NONBLOCK = 0x800;
    static final int EFD_CLOEXEC = 0x80000;

    static final int EINTR = 4;
    static final int EAGAIN = 11;
    static final int ECONNABORTED = 103;

    /** sizeof(struct sockaddr_in6), the larger of the two address structs this model binds. */
    static final int SOCKADDR_MAX = 28;

    private static final Binding BINDING = Binding.create();

    private Linux() {}

    /** "" when the calls work here, else one line a user can act on, completing "the epoll model ...". */
    static String unavailableReason() {
        return BINDING.why;
    }

    /** Bytes of one {@code struct epoll_event}: packed on x86_64 (12), naturally aligned on aarch64 (16). */
    static int eventSize() {
        return BINDING.eventBytes;
    }

    /** Offset of {@code epoll_data_t} in a {@code struct epoll_event}: 4 on x86_64, 8 on aarch64. */
    static int eventDataOffset() {
        return BINDING.eventBytes - Long.BYTES;
    }

    /** The epoll_event size on {@code arch}, or 0 when this model has not checked it there. */
    static int eventSize(String arch) {
        return switch (arch) {
            case "amd64", "x86_64" -> 12;           // __attribute__((packed)) under __x86_64__ in <sys/epoll.h>
            case "aarch64" -> 16;                   // no packing: the 8-byte data is aligned to 8
            default -> 0;
        };
    }

    /** Why this model cannot run on that JDK, OS and CPU, or "" when it can (native access is checked at bind). */
    static String platformProblem(int jdkFeature, String os, String arch) {
        if (jdkFeature < FOREIGN_FINAL_SINCE) {
            return "needs JDK " + FOREIGN_FINAL_SINCE + "+ (java.lang.foreign is final from " + FOREIGN_FINAL_SINCE
                    + "); this is JDK " + jdkFeature + ": run concbench with a newer JDK or pick another model (reactor)";
        }
        if (!os.toLowerCase(Locale.ROOT).contains("linux")) {
            return "needs Linux (epoll); this is " + os + ": pick another model (reactor)";
        }
        if (eventSize(arch) == 0) {
            return "runs on x86_64 and aarch64 only (the epoll_event layout is checked there); this is " + arch
                    + ": pick another model (reactor)";
        }
        return "";
    }

    /** errno as an IOException message: the common ones by name, the rest by number. */
    static String describe(String call, int errno) {
        String what = switch (errno) {
            case 1 -> "EPERM";
            case 9 -> "EBADF";
            case 11 -> "EAGAIN";
            case 12 -> "ENOMEM";
            case 13 -> "EACCES (permission denied)";
            case 22 -> "EINVAL";
            case 23 -> "ENFILE (too many open files in the system)";
            case 24 -> "EMFILE (too many open files)";
            case 32 -> "EPIPE (broken pipe)";
            case 98 -> "EADDRINUSE (address already in use)";
            case 99 -> "EADDRNOTAVAIL (address not available)";
            case 104 -> "ECONNRESET (connection reset by peer)";
            case 110 -> "ETIMEDOUT";
            default -> "errno " + errno;
        };
        return call + ": " + what;
    }

    /** A native buffer: its address for system calls and a native-order view for Java. */
    record NativeBuffer(long base, ByteBuffer view) {

        int capacity() {
            return view.capacity();
        }

        /**
         * The address of {@code [offset, offset + length)}, which must lie inside this buffer: every
         * address handed to a call that reads or writes memory comes from here.
         */
        long address(int offset, int length) {
            if (offset < 0 || length < 0 || length > view.capacity() - offset) {
                throw new IndexOutOfBoundsException("[" + offset + ", +" + length + ") outside a buffer of " + view.capacity());
            }
            return base + offset;
        }
    }

    /**
     * Downcalls bound to one errno segment and one arena. Use from one thread at a time (errno is
     * per call, read right after it). Every call returns what the C function returns; -1 means see {@link #errno()}.
     */
    static final class Calls implements AutoCloseable {
        private final MethodHandle socket;          // (int,int,int)int
        private final MethodHandle setsockopt;      // (int,int,int,long,int)int
        private final MethodHandle bind;            // (int,long,int)int
        private final MethodHandle listen;          // (int,int)int
        private final MethodHandle getsockname;     // (int,long,long)int
        private final MethodHandle accept4;         // (int,long,long,int)int
        private final MethodHandle epollCreate1;    // (int)int
        private final MethodHandle epollCtl;        // (int,int,int,long)int
        private final MethodHandle epollWait;       // (int,long,int,int)int
        private final MethodHandle read;            // (int,long,long)long
        private final MethodHandle write;           // (int,long,long)long
        private final MethodHandle send;            // (int,long,long,int)long
        private final MethodHandle shutdown;        // (int,int)int
        private final MethodHandle close;           // (int)int
        private final MethodHandle eventfd;         // (int,int)int
        private final Object arena;
        private final ByteBuffer errnoView;
        private final int errnoOffset;
        private final NativeBuffer scratch;

        Calls() {
            Binding b = BINDING;
            if (!b.why.isEmpty()) {
                throw new IllegalStateException("the epoll model " + b.why);
            }
            try {
                arena = b.ofShared.invoke(null);
                Object capture = b.allocate.invoke(arena, b.captureSize, 8L);
                errnoView = ((ByteBuffer) b.asByteBuffer.invoke(capture)).order(ByteOrder.nativeOrder());
                errnoOffset = b.errnoOffset;
                socket = bound(b.socket, capture);
                setsockopt = bound(b.setsockopt, capture);
                bind = bound(b.bind, capture);
                listen = bound(b.listen, capture);
                getsockname = bound(b.getsockname, capture);
                accept4 = bound(b.accept4, capture);
                epollCreate1 = bound(b.epollCreate1, capture);
                epollCtl = bound(b.epollCtl, capture);
                epollWait = bound(b.epollWait, capture);
                read = bound(b.read, capture);
                write = bound(b.write, capture);
                send = bound(b.send, capture);
                shutdown = bound(b.shutdown, capture);
                close = bound(b.close, capture);
                eventfd = bound(b.eventfd, capture);
                scratch = allocate(64);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("the epoll model cannot allocate native memory: " + e.getCause(), e);
            }
        }

        private static MethodHandle bound(MethodHandle h, Object capture) {
            return MethodHandles.insertArguments(h, 0, capture);
        }

        /** Zeroed native memory of {@code bytes}, aligned to 8, freed by {@link #close()}. */
        NativeBuffer allocate(int bytes) {
            try {
                Object segment = BINDING.allocate.invoke(arena, (long) bytes, 8L);
                long address = (long) BINDING.address.invoke(segment);
                ByteBuffer view = ((ByteBuffer) BINDING.asByteBuffer.invoke(segment)).order(ByteOrder.nativeOrder());
                return new NativeBuffer(address, view);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot allocate " + bytes + " bytes of native memory: " + e.getCause(), e);
            }
        }

        /** errno of the last call through this object that failed. */
        int errno() {
            return errnoView.getInt(errnoOffset);
        }

        /** Frees every buffer {@link #allocate} gave; no address from them may be used after. */
        @Override
        public void close() {
            try {
                BINDING.closeArena.invoke(arena);
            } catch (IllegalAccessException | InvocationTargetException e) {
                // freeing is best effort at shutdown
            }
        }

        int socket(int domain, int type, int protocol) {
            try {
                return (int) socket.invokeExact(domain, type, protocol);
            } catch (Throwable t) {
                throw rethrow(t);
            }
        }

        /** setsockopt with an int value, through this object's scratch memory. */
        int setIntOption(int fd, int level, int name, int value) {
            scratch.view().putInt(0, value);
            try {
                return (int) setsockopt.invokeExact(fd, level, name, scratch.address(0, Integer.BYTES), Integer.BYTES);
            } catch (Throwable t) {
                throw rethrow(t);
            }
        }

        int bind(int fd, NativeBuffer sockaddr, int length) {
            try {
                return (int) bind.invokeExact(fd, sockaddr.address(0, length), length);
            } catch (Throwable t) {
                throw rethrow(t);
            }
        }

        int listen(int fd, int backlog) {
            try {
                return (int) listen.invokeExact(fd, backlog);
            } catch (Throwable t) {
                throw rethrow(t);
            }
        }

        /** The port {@code fd} is bound to, or -1 (see errno). */
        int boundPort(int fd) {
            ByteBuffer v = scratch.view();
            v.putInt(SOCKADDR_MAX, SOCKADDR_MAX);                // socklen_t in/out, after the address
            try {
                int rc = (int) getsockname.invokeExact(fd, scratch.address(0, SOCKADDR_MAX),
                        scratch.address(SOCKADDR_MAX, Integer.BYTES));
                if (rc != 0) {
                    return -1;
                }
            } catch (Throwable t) {
                throw rethrow(t);
            }
            return ((v.get(2) & 0xff) << 8) | (v.get(3) & 0xff);  // sin_port / sin6_port, network order, same offset
        }

        /** A new non-blocking, close-on-exec connection, or -1 (see errno). The peer's address is not asked for. */
        int accept(int listenFd) {
            try {
                return (int) accept4.invokeExact(listenFd, 0L, 0L, SOCK_NONBLOCK | SOCK_CLOEXEC);
            } catch (Throwable t) {
                throw rethrow(t);
            }
        }

        int epollCreate() {
            try {
                return (int) epollCreate1.invokeExact(EPOLL_CLOEXEC);
            } catch (Throwable t) {
                throw rethrow(t);
            }
        }

        /** epoll_ctl with an event whose data is {@code fd} itself, built in this object's scratch memory. */
        int epollCtl(int epfd, int op, int fd, int events) {
            ByteBuffer v = scratch.view();
            v.putInt(0, events);
            v.putLong(eventDataOffset(), fd);
            try {
                return (int) epollCtl.invokeExact(epfd, op, fd, scratch.address(0, eventSize()));
            } catch (Throwable t) {
                throw rethrow(t);
            }
        }

        /** Waits for up to {@code events.capacity() / eventSize()} events; -1 blocks without a timeout. */
        int epollWait(int epfd, NativeBuffer events, int timeoutMillis) {
            int max = events.capacity() / eventSize();
            try {
                return (int) epollWait.invokeExact(epfd, events.address(0, max * eventSize()), max, timeoutMillis);
            } catch (Throwable t) {
                throw rethrow(t);
            }
        }

        /** Reads into {@code [offset, offset + length)} of {@code into}. */
        long read(int fd, NativeBuffer into, int offset, int length) {
            try {
                return (long) read.invokeExact(fd, into.address(offset, length), (long) length);
            } catch (Throwable t) {
                throw rethrow(t);
            }
        }

        /** Sends {@code [offset, offset + length)} of {@code from}; MSG_NOSIGNAL: a reset peer gives EPIPE, never SIGPIPE. */
        long send(int fd, NativeBuffer from, int offset, int length) {
            try {
                return (long) send.invokeExact(fd, from.address(offset, length), (long) length, MSG_NOSIGNAL);
            } catch (Throwable t) {
                throw rethrow(t);
            }
        }

        /** Adds 1 to an eventfd's counter, through this object's scratch memory. */
        long signal(int eventFd) {
            scratch.view().putLong(0, 1L);
            try {
                return (long) write.invokeExact(eventFd, scratch.address(0, Long.BYTES), (long) Long.BYTES);
            } catch (Throwable t) {
                throw rethrow(t);
            }
        }

        /** Reads (and so resets) an eventfd's counter. */
        long drain(int eventFd) {
            try {
                return (long) read.invokeExact(eventFd, scratch.address(0, Long.BYTES), (long) Long.BYTES);
            } catch (Throwable t) {
                throw rethrow(t);
            }
        }

        int shutdownOutput(int fd) {
            try {
                return (int) shutdown.invokeExact(fd, SHUT_WR);
            } catch (Throwable t) {
                throw rethrow(t);
            }
        }

        int close(int fd) {
            try {
                return (int) close.invokeExact(fd);
            } catch (Throwable t) {
                throw rethrow(t);
            }
        }

        int eventfd() {
            try {
                return (int) eventfd.invokeExact(0, EFD_NONBLOCK | EFD_CLOEXEC);
            } catch (Throwable t) {
                throw rethrow(t);
            }
        }

        /** An IOException naming the call and this object's errno, for a call that returned -1. */
        IOException failure(String call) {
            return new IOException(describe(call, errno()));
        }
    }

    /** A downcall throws only what its C function cannot: a bug in a handle's type. */
    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }

    /** The reflected pieces of java.lang.foreign and the unbound downcall handles; {@code why} non-empty when unavailable. */
    private record Binding(String why, int eventBytes, long captureSize, int errnoOffset,
                           Method ofShared, Method allocate, Method address, Method asByteBuffer, Method closeArena,
                           MethodHandle socket, MethodHandle setsockopt, MethodHandle bind, MethodHandle listen,
                           MethodHandle getsockname, MethodHandle accept4, MethodHandle epollCreate1,
                           MethodHandle epollCtl, MethodHandle epollWait, MethodHandle read, MethodHandle write,
                           MethodHandle send, MethodHandle shutdown, MethodHandle close, MethodHandle eventfd) {

        static Binding create() {
            String arch = System.getProperty("os.arch", "");
            String problem = platformProblem(Runtime.version().feature(), System.getProperty("os.name", ""), arch);
            if (!problem.isEmpty()) {
                return unavailable(problem);
            }
            try {
                Reflected r = new Reflected();
                return new Binding("", eventSize(arch), r.captureSize, r.errnoOffset,
                        r.arena.getMethod("ofShared"), r.arena.getMethod("allocate", long.class, long.class),
                        r.segment.getMethod("address"), r.segment.getMethod("asByteBuffer"), r.arena.getMethod("close"),
                        r.downcall("socket", "i", "iii"),
                        r.downcall("setsockopt", "i", "iiili"),
                        r.downcall("bind", "i", "ili"),
                        r.downcall("listen", "i", "ii"),
                        r.downcall("getsockname", "i", "ill"),
                        r.downcall("accept4", "i", "illi"),
                        r.downcall("epoll_create1", "i", "i"),
                        r.downcall("epoll_ctl", "i", "iiil"),
                        r.downcall("epoll_wait", "i", "ilii"),
                        r.downcall("read", "l", "ill"),
                        r.downcall("write", "l", "ill"),
                        r.downcall("send", "l", "illi"),
                        r.downcall("shutdown", "i", "ii"),
                        r.downcall("close", "i", "i"),
                        r.downcall("eventfd", "i", "ii"));
            } catch (InvocationTargetException e) {
                return unavailable(cannotBind(e.getCause()));
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                return unavailable(cannotBind(e));
            }
        }

        private static String cannotBind(Throwable cause) {
            if (cause instanceof IllegalCallerException) {
                return "needs native access, which this JVM denies (" + cause.getMessage()
                        + "): run java with --enable-native-access=ALL-UNNAMED";
            }
            return "cannot bind the C library's system calls: " + cause;
        }

        static Binding unavailable(String why) {
            return new Binding(why, 0, 0, 0, null, null, null, null, null, null, null, null, null,
                    null, null, null, null, null, null, null, null, null, null, null);
        }
    }

    /** java.lang.foreign through reflection, used once at class initialisation. */
    private static final class Reflected {
        final Class<?> arena = Class.forName("java.lang.foreign.Arena");
        final Class<?> segment = Class.forName("java.lang.foreign.MemorySegment");
        private final Class<?> linkerClass = Class.forName("java.lang.foreign.Linker");
        private final Class<?> lookupClass = Class.forName("java.lang.foreign.SymbolLookup");
        private final Class<?> layoutClass = Class.forName("java.lang.foreign.MemoryLayout");
        private final Class<?> pathClass = Class.forName("java.lang.foreign.MemoryLayout$PathElement");
        private final Class<?> descriptorClass = Class.forName("java.lang.foreign.FunctionDescriptor");
        private final Class<?> optionClass = Class.forName("java.lang.foreign.Linker$Option");
        private final Object linker;
        private final Object lookup;
        private final Object javaInt;
        private final Object javaLong;
        private final Object captureErrno;
        final long captureSize;
        final int errnoOffset;

        Reflected() throws ReflectiveOperationException {
            linker = linkerClass.getMethod("nativeLinker").invoke(null);
            lookup = linkerClass.getMethod("defaultLookup").invoke(linker);
            Class<?> valueLayout = Class.forName("java.lang.foreign.ValueLayout");
            javaInt = valueLayout.getField("JAVA_INT").get(null);
            javaLong = valueLayout.getField("JAVA_LONG").get(null);
            captureErrno = optionClass.getMethod("captureCallState", String[].class)
                    .invoke(null, (Object) new String[] {"errno"});
            Object stateLayout = optionClass.getMethod("captureStateLayout").invoke(null);
            captureSize = (long) layoutClass.getMethod("byteSize").invoke(stateLayout);
            Object path = Array.newInstance(pathClass, 1);
            Array.set(path, 0, pathClass.getMethod("groupElement", String.class).invoke(null, "errno"));
            errnoOffset = Math.toIntExact((long) layoutClass.getMethod("byteOffset", path.getClass()).invoke(stateLayout, path));
        }

        /** A handle for {@code name} with an errno segment first; 'i' is JAVA_INT, 'l' JAVA_LONG (also every pointer). */
        MethodHandle downcall(String name, String result, String args) throws ReflectiveOperationException {
            Optional<?> symbol = (Optional<?>) lookupClass.getMethod("find", String.class).invoke(lookup, name);
            if (symbol.isEmpty()) {
                throw new IllegalStateException("the C library has no " + name);
            }
            Object layouts = Array.newInstance(layoutClass, args.length());
            for (int i = 0; i < args.length(); i++) {
                Array.set(layouts, i, args.charAt(i) == 'i' ? javaInt : javaLong);
            }
            Object descriptor = descriptorClass.getMethod("of", layoutClass, layouts.getClass())
                    .invoke(null, result.equals("i") ? javaInt : javaLong, layouts);
            Object options = Array.newInstance(optionClass, 1);
            Array.set(options, 0, captureErrno);
            return (MethodHandle) linkerClass
                    .getMethod("downcallHandle", segment, descriptorClass, options.getClass())
                    .invoke(linker, symbol.get(), descriptor, options);
        }
    }
}
