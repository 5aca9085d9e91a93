public import Prometheus

/// The Prometheus backend of the worker's metrics.
public enum PrometheusBackend {
    /// Histogram buckets of job durations, in seconds: from a no-op's milliseconds to a review batch's minutes.
    public static let jobDurationBuckets: [Duration] = [
        .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
        .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2_500), .seconds(5), .seconds(10),
        .seconds(30), .seconds(60), .seconds(300), .seconds(900),
    ]

    /// A swift-metrics factory that records into `registry`, with ``jobDurationBuckets`` for job durations.
    public static func factory(registry: PrometheusCollectorRegistry) -> PrometheusMetricsFactory {
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.durationHistogramBuckets[JobMetrics.durationLabel] = jobDurationBuckets
        return factory
    }
}
