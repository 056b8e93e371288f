package io.concbench.model.multiprocess;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class JvmFlagsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = ' ', value = {
            "-Xmx512m -Xmx512m",
            "-XX:+UseParallelGC -XX:+UseParallelGC",
            "-XX:NativeMemoryTracking=summary -XX:NativeMemoryTracking=summary",
            "-Djdk.virtualThreadScheduler.parallelism=1 -Djdk.virtualThreadScheduler.parallelism=1",
            "--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED",
            "-Xlog -Xlog:all:stderr",
            "-Xlog:gc -Xlog:gc:stderr",
            "-Xlog:gc*:stdout -Xlog:gc*:stderr",
            "-Xlog:gc::uptime -Xlog:gc:stderr:uptime",
            "-Xlog:gc:stderr -Xlog:gc:stderr",
            "-Xlog:gc:file=gc.log -Xlog:gc:file=gc-%p.log",
            "-Xlog:gc*=debug:gc.log:time:filecount=5 -Xlog:gc*=debug:file=gc-%p.log:time:filecount=5",
            "-Xlog:gc:file=/var/log/run.d/gc -Xlog:gc:file=/var/log/run.d/gc-%p",
            "-Xlog:gc:file=gc-%p.log -Xlog:gc:file=gc-%p.log",
            "-Xlog:disable -Xlog:disable",
            "-Xlog:async -Xlog:async",
            "-Xloggc:gc.txt -Xlog:gc:file=gc-%p.txt",
            "-verbose:gc -Xlog:gc:stderr",
            "-XX:StartFlightRecording -XX:StartFlightRecording",
            "-XX:StartFlightRecording=duration=30s,filename=run.jfr,settings=profile -XX:StartFlightRecording=duration=30s,filename=run-%p.jfr,settings=profile",
            "-XX:StartFlightRecording:filename=/tmp/rec.jfr -XX:StartFlightRecording:filename=/tmp/rec-%p.jfr",
    })
    void workerGetsTheFlagFittedForSeveralProcesses(String parent, String worker) {
        assertEquals(worker, JvmFlags.forWorker(parent));
    }

    @ParameterizedTest
    @CsvSource({
            "-agentlib:jdwp=transport=dt_socket;server=y;address=5005",
            "-javaagent:/opt/jacoco.jar=destfile=jacoco.exec",
            "-agentpath:/opt/libprofiler.so",
            "-Xrunjdwp:transport=dt_socket",
            "-Xdebug",
            "-XX:ArchiveClassesAtExit=app.jsa",
            "-XX:DumpLoadedClassList=classes.lst",
            "-verbose:class",
            "-verbose",
    })
    void flagThatMustNotRunTwiceIsDropped(String flag) {
        assertNull(JvmFlags.forWorker(flag.replace(';', ',')));
    }

    @Test
    void workersStartQuietOnStdoutThenKeepTheParentsFlagsInOrder() {
        JvmFlags f = JvmFlags.forWorkers(List.of("-Xmx1g", "-javaagent:x.jar", "-Xlog:gc", "-XX:+UseZGC"));
        List<String> expected = new ArrayList<>(JvmFlags.QUIET_STDOUT);
        expected.addAll(List.of("-Xmx1g", "-Xlog:gc:stderr", "-XX:+UseZGC"));
        assertEquals(expected, f.kept());
        assertEquals(List.of("-javaagent:x.jar"), f.dropped());
    }

    @Test
    void workersGetTheNativeAccessTheSupervisorHasUnlessAFlagAlreadySaysHowItGoes() {
        List<String> expected = new ArrayList<>(JvmFlags.QUIET_STDOUT);
        expected.addAll(List.of(JvmFlags.NATIVE_ACCESS, "-Xmx1g"));
        assertEquals(expected, JvmFlags.forWorkers(List.of("-Xmx1g"), true).kept());

        List<String> none = new ArrayList<>(JvmFlags.QUIET_STDOUT);
        none.add("-Xmx1g");
        assertEquals(none, JvmFlags.forWorkers(List.of("-Xmx1g"), false).kept());

        assertEquals("--enable-native-access=ALL-UNNAMED", JvmFlags.nativeAccessFlag(22));
        assertEquals("--illegal-native-access=allow", JvmFlags.nativeAccessFlag(24));

        List<String> denied = new ArrayList<>(JvmFlags.QUIET_STDOUT);
        denied.add("--illegal-native-access=deny");
        assertEquals(denied, JvmFlags.forWorkers(List.of("--illegal-native-access=deny"), true).kept());
    }

    @Test
    void pidGoesBeforeTheExtensionOfTheFileNameOnly() {
        assertEquals("gc-%p.log", JvmFlags.withPid("gc.log"));
        assertEquals("logs.d/gc-%p", JvmFlags.withPid("logs.d/gc"));
        assertEquals(".hidden-%p", JvmFlags.withPid(".hidden"));
        assertEquals("run-%p.jfr", JvmFlags.withPid("run-%p.jfr"));
    }
}
