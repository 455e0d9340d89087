using System.Diagnostics;

namespace PrivacyDesk.Features.Intake;

/// <summary>
/// Named points where the crash tests kill the process at an exact moment (between a batch's commit and
/// its \Seen flags, say), which an outside kill -9 can only hit by luck. Off unless the environment variable
/// PRIVACYDESK_CRASH_AT is "point:n" (die the n-th time the point is reached); the process then kills itself
/// with SIGKILL: no finally block, no flush, as a power cut or the OOM killer would.
/// </summary>
public static class CrashPoints
{
    private static readonly (string Point, int At)? Armed = Parse(Environment.GetEnvironmentVariable("PRIVACYDESK_CRASH_AT"));
    private static int _reached;

    public static void Reached(string point)
    {
        if (Armed is not { } armed || armed.Point != point) return;
        if (Interlocked.Increment(ref _reached) >= armed.At) Process.GetCurrentProcess().Kill();
    }

    private static (string, int)? Parse(string? value)
    {
        if (string.IsNullOrEmpty(value)) return null;
        var parts = value.Split(':');
        return parts.Length == 2 && int.TryParse(parts[1], out var n) ? (parts[0], n) : (parts[0], 1);
    }
}
