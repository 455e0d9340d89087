using System.Diagnostics;

namespace PrivacyDesk.Hosting.Bench;

/// <summary>p50 and p95 of an async action, after a short warm-up (JIT, query cache, page cache).</summary>
internal static class Latency
{
    public static async Task<(double P50, double P95)> MeasureAsync(int iterations, Func<Task> action)
    {
        for (var i = 0; i < Math.Min(20, iterations); i++) await action();
        var times = new double[iterations];
        for (var i = 0; i < iterations; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await action();
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        Array.Sort(times);
        return (times[iterations / 2], times[(int)Math.Ceiling(iterations * 0.95) - 1]);
    }
}
