package io.labelwatch.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class VersionMixTest {

    private static Map<Dimension, Breakdown> window(String guideline, String tool, long n, long d) {
        return Map.of(
                Dimension.ANNOTATOR, new Breakdown().add("a01", n, d),
                Dimension.GUIDELINE_VERSION, new Breakdown().add(guideline, n, d),
                Dimension.TOOL_VERSION, new Breakdown().add(tool, n, d));
    }

    @Test
    void shouldSumVersionCountsWhenWindowsAreRecorded() {
        VersionMix mix = new VersionMix().record(window("g1", "t1", 100, 5)).record(window("g1", "t2", 50, 1));

        assertThat(mix.get(Dimension.GUIDELINE_VERSION, "g1")).isEqualTo(new Breakdown.Counts(150, 6));
        assertThat(mix.versions(Dimension.TOOL_VERSION)).containsExactly("t1", "t2");
        assertThat(mix.contains(Dimension.GUIDELINE_VERSION, "g2")).isFalse();
        assertThat(mix.windows()).isEqualTo(2);
    }

    @Test
    void shouldForgetTheLeastRecentlySeenVersionWhenTheCapIsReached() {
        VersionMix mix = new VersionMix(2)
                .record(window("g1", "t1", 10, 0))
                .record(window("g2", "t1", 10, 0))
                .record(window("g1", "t1", 10, 0))
                .record(window("g3", "t1", 10, 0));

        assertThat(mix.versions(Dimension.GUIDELINE_VERSION)).containsExactly("g1", "g3");
    }

    @Test
    void shouldNeverRecordTheOtherOrUnknownBucketsWhenTheyAppear() {
        Map<Dimension, Breakdown> w = Map.of(
                Dimension.GUIDELINE_VERSION,
                new Breakdown(1).add("g1", 5, 0).add("g2", 5, 1).add(null, 3, 0));

        VersionMix mix = new VersionMix().record(w);

        assertThat(mix.versions(Dimension.GUIDELINE_VERSION)).containsExactly("g1");
        assertThat(mix.isEmpty(Dimension.TOOL_VERSION)).isTrue();
    }

    @Test
    void shouldRoundTripThroughBytesAndClearWhenAskedTo() {
        VersionMix mix = new VersionMix(4).record(window("g1", "t1", 100, 5)).record(window("g2", "t1", 50, 1));

        VersionMix copy = VersionMix.fromBytes(mix.toBytes());

        assertThat(copy).isEqualTo(mix);
        copy.clear();
        assertThat(copy.isEmpty(Dimension.GUIDELINE_VERSION)).isTrue();
        assertThat(copy.windows()).isZero();
        assertThatThrownBy(() -> VersionMix.fromBytes(new byte[] {9}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("format version 9");
    }

    @Test
    void shouldCallAVersionEstablishedOnlyAfterThreeInControlWindowsWhenItRollsOut() {
        VersionMix mix = new VersionMix();
        for (int i = 0; i < 6; i++) {
            mix.record(window("g1", "t1", 100, 5));
        }
        // the first window after the roll-out is still in control: half its reviews are of labels made before it
        mix.record(Map.of(
                Dimension.GUIDELINE_VERSION, new Breakdown().add("g1", 50, 2).add("g2", 50, 3),
                Dimension.TOOL_VERSION, new Breakdown().add("t1", 100, 5)));

        assertThat(mix.contains(Dimension.GUIDELINE_VERSION, "g2")).isTrue();
        assertThat(mix.isEstablished(Dimension.GUIDELINE_VERSION, "g2")).isFalse();
        assertThat(mix.isEstablished(Dimension.GUIDELINE_VERSION, "g1")).isTrue();
        mix.record(window("g2", "t1", 100, 5)).record(window("g2", "t1", 100, 5));
        assertThat(VersionMix.fromBytes(mix.toBytes()).isEstablished(Dimension.GUIDELINE_VERSION, "g2"))
                .isTrue();
    }

    @Test
    void shouldTrackVendorsAndReadTheFormatWithoutThemWhenRestoring() {
        Map<Dimension, Breakdown> w = Map.of(
                Dimension.GUIDELINE_VERSION, new Breakdown().add("g1", 10, 1),
                Dimension.VENDOR, new Breakdown().add("acme", 10, 1));
        VersionMix mix = new VersionMix().record(w).record(w).record(w);

        assertThat(mix.isEstablished(Dimension.VENDOR, "acme")).isTrue();
        assertThat(mix.isEstablished(Dimension.VENDOR, "newco")).isFalse();
        assertThat(VersionMix.fromBytes(mix.toBytes())).isEqualTo(mix);

        // format 2, as written before vendors were tracked: one guideline version, no tool version
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
            out.writeByte(2);
            out.writeInt(32);
            out.writeLong(3);
            out.writeInt(1);
            out.writeUTF("g1");
            for (long v : new long[] {30, 3, 3, 3}) {
                out.writeLong(v);
            }
            out.writeInt(0);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        VersionMix old = VersionMix.fromBytes(bytes.toByteArray());
        assertThat(old.isEstablished(Dimension.GUIDELINE_VERSION, "g1")).isTrue();
        assertThat(old.isEmpty(Dimension.VENDOR)).isTrue();
    }
}
