package io.concbench.harness.probe;

import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ProcFieldsTest {

    @Test
    void voluntaryIsNotFoundInsideNonvoluntaryWhicheverComesFirst() {
        String kernelOrder = "Name:\tjava\nvoluntary_ctxt_switches:\t12\nnonvoluntary_ctxt_switches:\t3\n";
        String reversed = "Name:\tjava\nnonvoluntary_ctxt_switches:\t3\nvoluntary_ctxt_switches:\t12\n";
        for (String status : new String[] {kernelOrder, reversed}) {
            assertEquals(OptionalLong.of(12), ProcFields.field(status, "voluntary_ctxt_switches"), status);
            assertEquals(OptionalLong.of(3), ProcFields.field(status, "nonvoluntary_ctxt_switches"), status);
        }
    }

    @Test
    void onlyTheNonvoluntaryLineIsNotTheVoluntaryOne() {
        String status = "nonvoluntary_ctxt_switches:\t3\n";
        assertEquals(OptionalLong.empty(), ProcFields.field(status, "voluntary_ctxt_switches"));
    }

    @Test
    void aMissingFieldIsEmpty() {
        String status = "Name:\tjava\nThreads:\t27\n";
        assertEquals(OptionalLong.empty(), ProcFields.field(status, "VmRSS"));
        assertEquals(OptionalLong.empty(), ProcFields.bytes(status, "VmRSS"));
        assertEquals(OptionalLong.empty(), ProcFields.field("", "Threads"));
    }

    @Test
    void theKeyMustBeTheWholeNameBeforeTheColon() {
        String status = "VmRSSx:\t5 kB\nThreadsMax:\t9\n";
        assertEquals(OptionalLong.empty(), ProcFields.field(status, "VmRSS"));
        assertEquals(OptionalLong.empty(), ProcFields.field(status, "Threads"));
        assertEquals(OptionalLong.empty(), ProcFields.field(status, "Vm"));
    }

    @Test
    void firstAndLastLinesWithoutNewlinesAreRead() {
        assertEquals(OptionalLong.of(27), ProcFields.field("Threads:\t27", "Threads"));
        assertEquals(OptionalLong.of(4), ProcFields.field("Threads:\t27\nTgid:  4", "Tgid"));
    }

    @Test
    void kilobytesAreBytes() {
        String status = "VmHWM:\t  204800 kB\nVmRSS:\t  102400 kB\nThreads:\t27\n";
        assertEquals(OptionalLong.of(102400L * 1024), ProcFields.bytes(status, "VmRSS"));
        assertEquals(OptionalLong.of(204800L * 1024), ProcFields.bytes(status, "VmHWM"));
        assertEquals(OptionalLong.of(102400), ProcFields.field(status, "VmRSS"), "field is the number as printed");
        assertEquals(OptionalLong.empty(), ProcFields.bytes(status, "Threads"), "a count has no kB unit");
        assertEquals(OptionalLong.of(16_384_000L * 1024), ProcFields.bytes("MemTotal:       16384000 kB\n", "MemTotal"));
    }

    @Test
    void aValueThatIsNotOneNumberIsEmpty() {
        String status = "Cpus_allowed_list:\t0-1\nState:\tS (sleeping)\nVmRSS:\t\nSigQ:\t0/63172\n";
        assertEquals(OptionalLong.empty(), ProcFields.field(status, "Cpus_allowed_list"));
        assertEquals(OptionalLong.empty(), ProcFields.field(status, "State"));
        assertEquals(OptionalLong.empty(), ProcFields.field(status, "VmRSS"));
        assertEquals(OptionalLong.empty(), ProcFields.field(status, "SigQ"));
        assertEquals(OptionalLong.empty(), ProcFields.field("Big:\t99999999999999999999\n", "Big"));
    }

    @Test
    void statFieldsCountFromAfterTheLastParenthesisOfTheName() {
        String stat = "4242 (ja va) x) S 1 4242 4242 0 -1 4194560 1000 0 0 0 250 75 0 0 20 0 27 0 100 0 0\n";
        assertEquals("4242", ProcFields.statField(stat, 1));
        assertEquals("ja va) x", ProcFields.statField(stat, 2));
        assertEquals("S", ProcFields.statField(stat, 3));
        assertEquals("1", ProcFields.statField(stat, 4));
        assertEquals("250", ProcFields.statField(stat, 14));
        assertEquals("75", ProcFields.statField(stat, 15));
        assertEquals("27", ProcFields.statField(stat, 20));
        assertEquals("0", ProcFields.statField(stat, 24));
    }

    @Test
    void aStatFieldBeyondTheLineIsRefused() {
        String stat = "7 (sh) Z 1";
        assertEquals("Z", ProcFields.statField(stat, 3));
        assertThrows(IllegalArgumentException.class, () -> ProcFields.statField(stat, 5));
        assertThrows(IllegalArgumentException.class, () -> ProcFields.statField(stat, 0));
        assertThrows(IllegalArgumentException.class, () -> ProcFields.statField("garbage", 3));
    }

    @Test
    void textIsTheRestOfTheLineAndAllowsBlanksBeforeTheColonAsCpuinfoHas() {
        String cpuinfo = "processor\t: 0\nvendor_id\t: GenuineIntel\nmodel name\t: Intel(R) Xeon(R) Processor\nmodel\t\t: 85\n";
        assertEquals(Optional.of("Intel(R) Xeon(R) Processor"), ProcFields.text(cpuinfo, "model name"));
        assertEquals(Optional.of("85"), ProcFields.text(cpuinfo, "model"));
        assertEquals(OptionalLong.of(85), ProcFields.field(cpuinfo, "model"));
        assertEquals(Optional.of("0-1"), ProcFields.text("Name:\tjava\nCpus_allowed_list:\t0-1\n", "Cpus_allowed_list"));
        assertEquals(Optional.empty(), ProcFields.text(cpuinfo, "flags"));
    }

    @Test
    void countersAreTheNumbersOfTheLineWhoseFirstWordIsTheKeyNotCpu0() {
        String stat = "cpu0 1 2 3 4\ncpu  4705 356 584 3699 23 23 0 7 0 0\ncpu1 9 9 9 9\nintr 1 2\n";
        assertArrayEquals(new long[] {4705, 356, 584, 3699, 23, 23, 0, 7, 0, 0}, ProcFields.counters(stat, "cpu").orElseThrow());
        assertArrayEquals(new long[] {1, 2, 3, 4}, ProcFields.counters(stat, "cpu0").orElseThrow());
        assertEquals(Optional.empty(), ProcFields.counters(stat, "ctxt"));
        assertEquals(Optional.empty(), ProcFields.counters("cpu 1 x 3\n", "cpu"));
    }
}
