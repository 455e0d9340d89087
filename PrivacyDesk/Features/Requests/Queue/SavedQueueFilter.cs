namespace PrivacyDesk.Features.Requests.Queue;

/// <summary>A queue filter a user saved under a name; private to that user.</summary>
public class SavedQueueFilter
{
    public int Id { get; set; }
    public required string UserId { get; set; }
    public required string Name { get; set; }
    public required string FilterJson { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
