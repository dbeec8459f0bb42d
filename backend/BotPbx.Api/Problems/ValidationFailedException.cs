namespace BotPbx.Api.Problems;

/// <summary>Thrown by <see cref="FieldErrors.ThrowIfAny"/>; answered with 422 <c>validation_failed</c>.</summary>
public sealed class ValidationFailedException : Exception
{
    public ValidationFailedException() : this(new Dictionary<string, string[]>()) { }

    public ValidationFailedException(string message) : this(new Dictionary<string, string[]>(), message) { }

    public ValidationFailedException(string message, Exception innerException) : base(message, innerException)
    {
        Errors = new Dictionary<string, string[]>();
    }

    public ValidationFailedException(IReadOnlyDictionary<string, string[]> errors, string message = "One or more fields are invalid.")
        : base(message)
    {
        Errors = errors;
    }

    public IReadOnlyDictionary<string, string[]> Errors { get; }
}
