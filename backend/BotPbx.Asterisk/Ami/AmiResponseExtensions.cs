namespace BotPbx.Asterisk.Ami;

public static class AmiResponseExtensions
{
    /// <summary>Returns the response when Asterisk reported success; otherwise throws <see cref="AmiActionException"/>.</summary>
    public static AmiResponse EnsureSuccess(this AmiResponse response, AmiAction action)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(action);
        return response.IsSuccess ? response : throw new AmiActionException(action.Name, response.ActionId ?? string.Empty, response);
    }
}
