using System.Security.Cryptography;
using System.Text;

namespace BotPbx.Asterisk.Ami;

/// <summary>
/// Login, plain or MD5 challenge (fixture ami-login-md5-challenge: Key = lower-case hex md5(challenge + secret)).
/// A refused login (Asterisk answers "Authentication failed" after 1 s and closes) becomes
/// <see cref="AmiAuthenticationException"/>. <c>Events:</c> is sent on every login, so a reconnect re-subscribes.
/// </summary>
public sealed partial class AmiClient
{
    private async Task LoginAsync(AmiConnection connection, CancellationToken stop)
    {
        var login = new AmiAction("Login").Add("Username", _options.Username);
        if (_options.UseMd5Login)
        {
            var challenge = new AmiAction("Challenge").Add("AuthType", "md5");
            var challengeAnswer = await SendOnAsync(connection, challenge, stop).ConfigureAwait(false);
            if (!challengeAnswer.IsSuccess || string.IsNullOrEmpty(challengeAnswer["Challenge"]))
            {
                throw new AmiAuthenticationException($"AMI refused the MD5 challenge: {challengeAnswer.Message ?? challengeAnswer.Status}");
            }
            login.Add("AuthType", "md5").Add("Key", ComputeMd5Key(challengeAnswer["Challenge"]!, _options.Secret));
        }
        else
        {
            login.Add("Secret", _options.Secret);
        }
        login.Add("Events", _options.Events);

        // Asterisk delays a refusal by 1 s, answers, then closes (fixture ami-login-failure); the action timeout covers it.
        var answer = await SendOnAsync(connection, login, stop).ConfigureAwait(false);
        if (!answer.IsSuccess)
        {
            throw new AmiAuthenticationException($"AMI login as '{_options.Username}' refused: {answer.Message ?? answer.Status}");
        }
    }

    private async Task<AmiResponse> SendOnAsync(AmiConnection connection, AmiAction action, CancellationToken stop)
    {
        var pending = new ResponsePendingAction(action.Name, connection.NextActionId());
        return await ExecuteAsync(connection, action, pending, pending.Result, _options.ActionTimeout, stop).ConfigureAwait(false);
    }

    /// <summary>The MD5 login key: lower-case hex md5(challenge + secret). MD5 is fixed by Asterisk (manager.c), not our choice.</summary>
    public static string ComputeMd5Key(string challenge, string secret)
    {
#pragma warning disable CA5351
        var hash = MD5.HashData(Encoding.UTF8.GetBytes(challenge + secret));
#pragma warning restore CA5351
        return Convert.ToHexStringLower(hash);
    }
}
