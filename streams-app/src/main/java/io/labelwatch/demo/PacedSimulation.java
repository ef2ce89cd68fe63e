package io.labelwatch.demo;

import io.labelwatch.simulator.KafkaEventSink;
import io.labelwatch.simulator.Simulator;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Runs a {@link Simulator} on its own thread, paced against the wall clock by a {@link Speed}: after {@code w} wall
 * time, simulated time is {@code start + w × speed} (or as far as the sink has kept up; a slow sink only makes the
 * simulation lag, it never skips events). Stops after {@code limit} simulated time, when {@link #close()}d, or when the
 * sink fails.
 */
public final class PacedSimulation implements AutoCloseable {
    private static final long TICK_MS = 100;
    /** Largest simulated step handed to the simulator at once, so a burst of catching up still flushes in slices. */
    private static final Duration MAX_STEP = Duration.ofMinutes(5);

    private final Simulator simulator;
    private final KafkaEventSink sink;
    private final Speed speed;
    private final Duration limit;
    private final LongSupplier nanoTime;
    private final Thread thread;
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean stopping;
    private volatile Instant simulatedNow;
    private volatile long labels;
    private volatile long reviews;
    private volatile RuntimeException failure;

    private PacedSimulation(Simulator simulator, KafkaEventSink sink, Speed speed, Duration limit) {
        this.simulator = simulator;
        this.sink = sink;
        this.speed = speed;
        this.limit = limit;
        this.nanoTime = System::nanoTime;
        this.simulatedNow = simulator.now();
        this.thread = new Thread(this::run, "labelwatch-simulator");
        this.thread.setDaemon(true);
    }

    /**
     * Starts pacing {@code simulator} into {@code sink}.
     *
     * @param limit simulated time after which the simulation ends, or null to run until closed
     */
    public static PacedSimulation start(Simulator simulator, KafkaEventSink sink, Speed speed, Duration limit) {
        PacedSimulation s = new PacedSimulation(
                Objects.requireNonNull(simulator), Objects.requireNonNull(sink), Objects.requireNonNull(speed), limit);
        s.thread.start();
        return s;
    }

    private void run() {
        Instant start = simulator.now();
        long startedNanos = nanoTime.getAsLong();
        try {
            while (!stopping) {
                Duration wall = Duration.ofNanos(nanoTime.getAsLong() - startedNanos);
                Duration target = speed.simulatedFor(wall);
                if (limit != null && target.compareTo(limit) > 0) {
                    target = limit;
                }
                Duration behind = Duration.between(simulator.now(), start.plus(target));
                while (!stopping && behind.compareTo(Duration.ZERO) > 0) {
                    Duration step = behind.compareTo(MAX_STEP) > 0 ? MAX_STEP : behind;
                    simulator.advance(step, sink);
                    behind = behind.minus(step);
                    publishProgress();
                }
                if (limit != null && Duration.between(start, simulator.now()).compareTo(limit) >= 0) {
                    sink.flush();
                    break;
                }
                TimeUnit.MILLISECONDS.sleep(TICK_MS);
            }
            sink.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            publishProgress();
            finished.countDown();
        }
    }

    private void publishProgress() {
        simulatedNow = simulator.now();
        labels = simulator.labelsEmitted();
        reviews = simulator.reviewsEmitted();
    }

    /** Simulated time reached so far. */
    public Instant simulatedNow() {
        return simulatedNow;
    }

    /** Label events sent so far. */
    public long labelsSent() {
        return labels;
    }

    /** Review events sent so far. */
    public long reviewsSent() {
        return reviews;
    }

    /** True once the simulated limit is reached (and flushed), the sink failed or the simulation was closed. */
    public boolean isFinished() {
        return finished.getCount() == 0;
    }

    /** Waits up to {@code timeout} for the simulation to finish; true when it did. */
    public boolean awaitFinished(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Why the simulation stopped early, if it did. */
    public RuntimeException failure() {
        return failure;
    }

    /** Stops the simulation thread (events already handed to the producer are flushed) and waits for it. */
    @Override
    public void close() {
        stopping = true;
        try {
            if (!finished.await(15, TimeUnit.SECONDS)) {
                thread.interrupt();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
