using System.Diagnostics;
using System.Globalization;

namespace PrivacyDesk.Features.Intake;

/// <summary>The parts of intake whose time the meter adds up.</summary>
public enum IntakePhase { Fetch, Parse, Match, Classify, Store, Commit, MarkRead }

/// <summary>
/// Where intake's time goes, summed over every message since the last reset: fetching from the source,
/// parsing (with hashing and compression), finding the request or customer (database reads), classifying,
/// storing (routing and saving, which includes the matching and classifying above), the commit, and marking
/// messages read at the source. Costs two timestamps per phase; read by the benchmarks.
/// </summary>
public sealed class IntakeMeter
{
    private readonly long[] _ticks = new long[Enum.GetValues<IntakePhase>().Length];
    private readonly long[] _counts = new long[Enum.GetValues<IntakePhase>().Length];

    public void Add(IntakePhase phase, long startedTimestamp)
    {
        Interlocked.Add(ref _ticks[(int)phase], Stopwatch.GetTimestamp() - startedTimestamp);
        Interlocked.Increment(ref _counts[(int)phase]);
    }

    public TimeSpan Total(IntakePhase phase) => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _ticks[(int)phase]));

    public void Reset()
    {
        Array.Clear(_ticks);
        Array.Clear(_counts);
    }

    /// <summary>One line: seconds per phase, with writing shown apart from the matching and classifying it includes.</summary>
    public string Describe()
    {
        double S(IntakePhase p) => Total(p).TotalSeconds;
        var write = S(IntakePhase.Store) - S(IntakePhase.Match) - S(IntakePhase.Classify);
        return string.Create(CultureInfo.InvariantCulture,
            $"fetch {S(IntakePhase.Fetch):0.0} s, parse {S(IntakePhase.Parse):0.0} s, match {S(IntakePhase.Match):0.0} s, classify {S(IntakePhase.Classify):0.0} s, " +
            $"write {write:0.0} s, commit {S(IntakePhase.Commit):0.0} s ({Interlocked.Read(ref _counts[(int)IntakePhase.Commit])} commits), mark read {S(IntakePhase.MarkRead):0.0} s");
    }
}
