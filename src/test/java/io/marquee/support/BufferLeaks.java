package io.marquee.support;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Netty's leak detector at PARANOID for a stretch of a test: every pooled buffer allocated meanwhile is tracked, and
 * {@link #reported()} gives the leaks Netty found once the buffers left behind were garbage-collected. To know that
 * the detector has looked, one buffer is leaked on purpose and waited for: when its report is in, any buffer that was
 * unreachable before it has been reported too.
 */
public final class BufferLeaks implements AutoCloseable {

    private static final String CANARY = "BufferLeaks.leakOnPurpose";

    private final ResourceLeakDetector.Level previous = ResourceLeakDetector.getLevel();
    private final Logger logger = Logger.getLogger(ResourceLeakDetector.class.getName());
    private final List<String> reports = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            String message = record.getMessage();
            if (message != null && message.contains("LEAK")) {
                reports.add(message + " " + Arrays.toString(record.getParameters()));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private BufferLeaks() {
        logger.addHandler(handler);
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    }

    /** Starts tracking every buffer allocated from now on. */
    public static BufferLeaks track() {
        return new BufferLeaks();
    }

    /** The leaks Netty reported for buffers allocated since {@link #track()}, once it has provably looked. */
    public List<String> reported() {
        leakOnPurpose();
        Eventually.within(Duration.ofSeconds(30), () -> {
            System.gc();
            // Netty reports collected leaks when it tracks the next buffer.
            PooledByteBufAllocator.DEFAULT.directBuffer(16).release();
            return reports.stream().anyMatch(report -> report.contains(CANARY));
        });
        return reports.stream().filter(report -> !report.contains(CANARY)).toList();
    }

    private static void leakOnPurpose() {
        ByteBuf leaked = PooledByteBufAllocator.DEFAULT.directBuffer(16);
        leaked.writeInt(42);
    }

    @Override
    public void close() {
        ResourceLeakDetector.setLevel(previous);
        logger.removeHandler(handler);
    }
}
