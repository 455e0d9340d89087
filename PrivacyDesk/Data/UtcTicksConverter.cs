using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace PrivacyDesk.Data;

/// <summary>Stores a DateTimeOffset as its UTC ticks (INTEGER), and reads it back as UTC.</summary>
public sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    v => v.UtcTicks,
    v => new DateTimeOffset(v, TimeSpan.Zero));
