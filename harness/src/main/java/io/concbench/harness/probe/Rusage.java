package io.concbench.harness.probe;

import java.lang.invoke.MethodHandle;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.util.Locale;
import java.util.Optional;

/**
 * This process's context switches from {@code getrusage(2)}: {@code ru_nvcsw} and {@code ru_nivcsw}.
 * Unlike the sum over {@code /proc/<pid>/task/*}, the kernel folds the counts of a thread that exited
 * into its process's rusage, so the figure never decreases and counts the short-lived threads of
 * thread-per-connection under connection churn (where the live-thread sum gave -0.0341 switches per
 * request). Only the process itself can read it, so a server reports it in its {@code stats} answer.
 *
 * <p>The call goes through the Foreign Function &amp; Memory API by reflection: the project compiles
 * with {@code --release 21}, where {@code java.lang.foreign} is a preview API that cannot be named
 * without {@code --enable-preview}, while the scripts run JDK 25, where it is final (since 22). So
 * every reading is empty on a JDK before 22, on a non-Linux OS, on a CPU other than x86_64/aarch64
 * (whose struct layout is not checked), or when native access is denied
 * ({@code --illegal-native-access=deny}). On JDK 22–25 without {@code --enable-native-access} the
 * JVM prints one warning on stderr at the first call.
 *
 * <p>Layout: {@code struct rusage} is two {@code struct timeval} (16 bytes each on LP64) and 14
 * {@code long}s; {@code ru_nvcsw} is at byte 128 and {@code ru_nivcsw} at 136, 144 bytes in all
 * (printed by {@code offsetof} with gcc on x86_64 glibc; aarch64 has the same LP64 layout).
 * Thread-safe.
 */
public final class Rusage {

    static final int RUSAGE_SELF = 0;
    static final int RUSAGE_CHILDREN = -1;
    static final long SIZE = 144;
    static final long NVCSW_OFFSET = 128;
    static final long NIVCSW_OFFSET = 136;
    /** The first JDK where java.lang.foreign is final (JEP 454). */
    static final int FOREIGN_FINAL_SINCE = 22;

    private static final Native NATIVE = Native.bind();

    private Rusage() {}

    /** Whether the readings below work here; when false they are all empty, and why says {@link #unavailableReason()}. */
    public static boolean available() {
        return NATIVE.getrusage != null;
    }

    /** "" when available, else why not, e.g. "JDK 21: java.lang.foreign is final only from JDK 22". */
    public static String unavailableReason() {
        return NATIVE.why;
    }

    /** This process's switches, its exited threads included ({@code RUSAGE_SELF}). */
    public static Optional<ContextSwitches> self() {
        return read(RUSAGE_SELF);
    }

    /**
     * The switches of this process's children that exited and were waited for (the JDK's process
     * reaper waits for every child it started), and of their waited-for descendants
     * ({@code RUSAGE_CHILDREN}).
     */
    public static Optional<ContextSwitches> children() {
        return read(RUSAGE_CHILDREN);
    }

    private static Optional<ContextSwitches> read(int who) {
        if (NATIVE.getrusage == null) {
            return Optional.empty();
        }
        try {
            Object arena = NATIVE.ofConfined.invoke(null);
            try {
                Object segment = NATIVE.allocate.invoke(arena, SIZE, 8L);
                int rc = (int) NATIVE.getrusage.invoke(who, segment);
                if (rc != 0) {
                    return Optional.empty();
                }
                long voluntary = (long) NATIVE.getLong.invoke(segment, NATIVE.javaLong, NVCSW_OFFSET);
                long involuntary = (long) NATIVE.getLong.invoke(segment, NATIVE.javaLong, NIVCSW_OFFSET);
                return Optional.of(new ContextSwitches(voluntary, involuntary));
            } finally {
                NATIVE.close.invoke(arena);
            }
        } catch (Throwable e) {
            return Optional.empty();
        }
    }

    /** The reflected pieces of java.lang.foreign, bound once; {@code getrusage} null when unavailable. */
    private record Native(MethodHandle getrusage, Method ofConfined, Method allocate, Method getLong,
                          Method close, Object javaLong, String why) {

        static Native bind() {
            String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
            String arch = System.getProperty("os.arch", "");
            int feature = Runtime.version().feature();
            if (feature < FOREIGN_FINAL_SINCE) {
                return unavailable("JDK " + feature + ": java.lang.foreign is final only from JDK " + FOREIGN_FINAL_SINCE);
            }
            if (!os.contains("linux")) {
                return unavailable("not Linux (" + os + ")");
            }
            if (!arch.equals("amd64") && !arch.equals("x86_64") && !arch.equals("aarch64")) {
                return unavailable("struct rusage layout not checked on " + arch);
            }
            try {
                Class<?> linkerClass = Class.forName("java.lang.foreign.Linker");
                Class<?> lookupClass = Class.forName("java.lang.foreign.SymbolLookup");
                Class<?> segmentClass = Class.forName("java.lang.foreign.MemorySegment");
                Class<?> layoutClass = Class.forName("java.lang.foreign.MemoryLayout");
                Class<?> valueLayoutClass = Class.forName("java.lang.foreign.ValueLayout");
                Class<?> ofLongClass = Class.forName("java.lang.foreign.ValueLayout$OfLong");
                Class<?> descriptorClass = Class.forName("java.lang.foreign.FunctionDescriptor");
                Class<?> optionClass = Class.forName("java.lang.foreign.Linker$Option");
                Class<?> arenaClass = Class.forName("java.lang.foreign.Arena");

                Object linker = linkerClass.getMethod("nativeLinker").invoke(null);
                Object lookup = linkerClass.getMethod("defaultLookup").invoke(linker);
                Optional<?> symbol = (Optional<?>) lookupClass.getMethod("find", String.class).invoke(lookup, "getrusage");
                if (symbol.isEmpty()) {
                    return unavailable("the C library has no getrusage");
                }
                Object javaInt = valueLayoutClass.getField("JAVA_INT").get(null);
                Object javaLong = valueLayoutClass.getField("JAVA_LONG").get(null);
                Object address = valueLayoutClass.getField("ADDRESS").get(null);
                Object layouts = Array.newInstance(layoutClass, 2);
                Array.set(layouts, 0, javaInt);
                Array.set(layouts, 1, address);
                Object descriptor = descriptorClass.getMethod("of", layoutClass, layouts.getClass())
                        .invoke(null, javaInt, layouts);
                MethodHandle handle = (MethodHandle) linkerClass
                        .getMethod("downcallHandle", segmentClass, descriptorClass, optionClass.arrayType())
                        .invoke(linker, symbol.get(), descriptor, Array.newInstance(optionClass, 0));
                return new Native(handle, arenaClass.getMethod("ofConfined"),
                        arenaClass.getMethod("allocate", long.class, long.class),
                        segmentClass.getMethod("get", ofLongClass, long.class),
                        arenaClass.getMethod("close"), javaLong, "");
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                return unavailable("cannot bind getrusage: " + cause);
            }
        }

        static Native unavailable(String why) {
            return new Native(null, null, null, null, null, null, why);
        }
    }
}
