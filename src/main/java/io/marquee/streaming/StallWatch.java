package io.marquee.streaming;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Notices S3 bodies that stopped arriving: one periodic check per event loop over the bodies being read on it, rather
 * than a timer per stream. A body is stalled when S3 sent nothing for {@code marquee.streaming.s3-read-timeout} while
 * its viewer was waiting; time its pump spends paused for a viewer that is not reading does not count.
 */
@ApplicationScoped
public class StallWatch {

    /** Something the watch looks after: a pump reading one S3 body. */
    interface Watched {
        /** {@link System#nanoTime()} since which it waits for S3, or a negative number while it is not waiting. */
        long waitingSince();

        /** S3 sent nothing for {@code timeout}: called once, on the event loop, after which it is no longer watched. */
        void stalled(Duration timeout);
    }

    /** Ends watching one thing (idempotent). */
    interface Registration {
        void cancel();
    }

    private final Duration timeout;
    private final long periodMillis;
    private final Map<EventLoop, Loop> loops = new ConcurrentHashMap<>();

    @Inject
    public StallWatch(StreamingConfig config) {
        this(config.s3ReadTimeout());
    }

    StallWatch(Duration timeout) {
        this.timeout = timeout;
        this.periodMillis = Math.max(100, Math.min(1000, timeout.toMillis() / 4));
    }

    /** Starts watching; must be called on {@code eventLoop}, and the registration cancelled there too. */
    Registration watch(Watched watched, EventLoop eventLoop) {
        if (!eventLoop.inEventLoop()) {
            throw new IllegalStateException("Watched from another thread than its event loop");
        }
        return loops.computeIfAbsent(eventLoop, Loop::new).add(watched);
    }

    /** The watch of one event loop: touched only on that loop's thread. */
    final class Loop implements Runnable {
        private final EventLoop eventLoop;
        private final ArrayList<Entry> entries = new ArrayList<>();
        private ScheduledFuture<?> timer;

        Loop(EventLoop eventLoop) {
            this.eventLoop = eventLoop;
        }

        Entry add(Watched watched) {
            Entry entry = new Entry(this, watched, entries.size());
            entries.add(entry);
            if (timer == null) {
                timer = eventLoop.scheduleAtFixedRate(this, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
            }
            return entry;
        }

        void remove(Entry entry) {
            if (entry.index < 0) {
                return;
            }
            Entry last = entries.remove(entries.size() - 1);
            if (last != entry) {
                entries.set(entry.index, last);
                last.index = entry.index;
            }
            entry.index = -1;
        }

        @Override
        public void run() {
            check(System.nanoTime());
            if (entries.isEmpty() && timer != null) {
                timer.cancel(false);
                timer = null;
            }
        }

        /** Fails whatever has waited longer than the timeout at {@code now}. */
        void check(long now) {
            long limit = timeout.toNanos();
            // From the end, so that removing (which moves the last entry into the gap) skips nothing.
            for (int i = entries.size() - 1; i >= 0; i--) {
                Entry entry = entries.get(i);
                long since = entry.watched.waitingSince();
                if (since >= 0 && now - since > limit) {
                    remove(entry);
                    entry.watched.stalled(timeout);
                }
            }
        }

        int size() {
            return entries.size();
        }
    }

    private static final class Entry implements Registration {
        private final Loop loop;
        private final Watched watched;
        private int index;

        Entry(Loop loop, Watched watched, int index) {
            this.loop = loop;
            this.watched = watched;
            this.index = index;
        }

        @Override
        public void cancel() {
            loop.remove(this);
        }
    }

    /** The watch of {@code eventLoop}, if anything was ever watched there (for tests). */
    Loop loop(EventLoop eventLoop) {
        return loops.get(eventLoop);
    }
}
