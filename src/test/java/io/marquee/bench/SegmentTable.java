package io.marquee.bench;

import io.marquee.packaging.mp4.Fmp4Writer;
import io.marquee.packaging.mp4.MediaIndex;
import io.marquee.packaging.mp4.MediaIndexCodec;
import io.marquee.packaging.mp4.SegmentLayout;
import io.marquee.packaging.mp4.TrackIndex;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;
import java.util.UUID;

/**
 * The media segments of uploaded assets as Marquee packages them, for bench/scenarios/packaging.sh: decoded from the
 * stored index (media_index, the bytes Marquee itself serves from) with Marquee's own {@link Fmp4Writer}, one
 * tab-separated line per segment: {@code asset track number contentLength sourceFirst sourceLast payloadBytes s3Key}.
 * {@code number} is the segment's file number in its URL (1-based); {@code [sourceFirst, sourceLast]} is the one
 * byte range of the source MP4 the segment's samples are read from (other tracks' interleaved bytes included), which
 * is what the progressive byte path baseline asks {@code /stream} for.
 * <p>
 * Usage: {@code java -cp ... io.marquee.bench.SegmentTable ASSET_ID...}, with Marquee's
 * {@code QUARKUS_DATASOURCE_JDBC_URL}, {@code _USERNAME} and {@code _PASSWORD} in the environment.
 */
public final class SegmentTable {

    private static final String LOAD = "SELECT a.s3_key, i.index_bytes FROM media_asset a"
            + " JOIN media_index i ON i.asset_id = a.id WHERE a.id = ?";

    private SegmentTable() {
    }

    public static void main(String[] args) throws Exception {
        try (Connection db = DriverManager.getConnection(System.getenv("QUARKUS_DATASOURCE_JDBC_URL"),
                System.getenv("QUARKUS_DATASOURCE_USERNAME"), System.getenv("QUARKUS_DATASOURCE_PASSWORD"));
             PreparedStatement load = db.prepareStatement(LOAD)) {
            StringBuilder out = new StringBuilder();
            for (String arg : args) {
                UUID asset = UUID.fromString(arg);
                load.setObject(1, asset);
                try (ResultSet row = load.executeQuery()) {
                    if (!row.next()) {
                        throw new IllegalStateException("no stored index for asset " + asset);
                    }
                    MediaIndex index = MediaIndexCodec.decode(row.getBytes("index_bytes"));
                    String key = row.getString("s3_key");
                    write(out, asset, "video", index.video(), key);
                    write(out, asset, "audio", index.audio(), key);
                }
            }
            System.out.print(out);
        }
    }

    private static void write(StringBuilder out, UUID asset, String kind, Optional<TrackIndex> found, String key) {
        if (found.isEmpty()) {
            return;
        }
        TrackIndex track = found.get();
        for (int n = 0; n < track.segments().size(); n++) {
            SegmentLayout layout = Fmp4Writer.mediaSegment(track, n);
            out.append(asset).append('\t').append(kind).append('\t').append(n + 1).append('\t')
                    .append(layout.contentLength()).append('\t').append(layout.sourceStart()).append('\t')
                    .append(layout.sourceEnd() - 1).append('\t')
                    .append(layout.contentLength() - layout.header().length).append('\t').append(key).append('\n');
        }
    }
}
