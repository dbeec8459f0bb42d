namespace BotPbx.Api.Features.Audit;

/// <summary>Stable action names in the audit log; the admin UI and log searches rely on them.</summary>
public static class AuditActions
{
    public const string LoginSucceeded = "auth.login";
    public const string LoginFailed = "auth.login_failed";
    public const string LoginRateLimited = "auth.login_rate_limited";
    public const string Logout = "auth.logout";
    public const string PasswordChanged = "auth.password_changed";
    public const string UserCreated = "user.created";
    public const string UserUpdated = "user.updated";
    public const string UserRoleChanged = "user.role_changed";
    public const string UserDeleted = "user.deleted";
    public const string UserPasswordReset = "user.password_reset";
    public const string SettingsChanged = "settings.changed";
    public const string SipBanned = "sip.banned";
    public const string SipUnbanned = "sip.unbanned";
    public const string SipBanExpired = "sip.ban_expired";
    public const string SipBanAllowListed = "sip.ban_allow_listed";
    public const string CallMonitorStarted = "call.monitor";
    public const string CallMonitorModeChanged = "call.monitor_mode";
}
