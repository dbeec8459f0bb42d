using BotPbx.Api.Configuration;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;

namespace BotPbx.Api.Features.Auth;

public static class AuthServiceCollectionExtensions
{
    /// <summary>
    /// Opaque bearer tokens (AddBearerToken) and an HttpOnly cookie, both carrying a session id that is checked on
    /// every request; a fallback policy that closes every endpoint not explicitly marked AllowAnonymous.
    /// </summary>
    public static IServiceCollection AddBotPbxAuth(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddMemoryCache();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<UserPasswordHasher>();
        services.AddSingleton<SessionStore>();
        services.AddSingleton<SessionIssuer>();
        services.AddSingleton<LoginRateLimiter>();
        services.AddSingleton<AdminBootstrapper>();
        services.AddSingleton<PostgresXmlRepository>();
        services.AddTransient<IClaimsTransformation, SessionClaimsTransformation>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, ProblemAuthorizationResultHandler>();

        services.AddDataProtection().SetApplicationName("BotPBX");
        services.AddOptions<KeyManagementOptions>()
            .Configure<PostgresXmlRepository>((options, repository) => options.XmlRepository = repository);

        services.AddAuthentication(AuthSchemes.Default)
            .AddPolicyScheme(AuthSchemes.Default, "Bearer token or session cookie", options =>
                options.ForwardDefaultSelector = context =>
                    context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                        ? AuthSchemes.Bearer
                        : AuthSchemes.Cookie)
            .AddBearerToken(AuthSchemes.Bearer)
            .AddCookie(AuthSchemes.Cookie, options =>
            {
                options.Cookie.Name = AuthSchemes.CookieName;
                options.Cookie.HttpOnly = true;
                // Strict: the browser never sends the cookie on a request started by another site (CSRF).
                options.Cookie.SameSite = SameSiteMode.Strict;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.Cookie.Path = "/";
                options.SlidingExpiration = false;
                // An API answers with a status, not a redirect to a login page.
                options.Events.OnRedirectToLogin = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    return Task.CompletedTask;
                };
                options.Events.OnRedirectToAccessDenied = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                };
            });
        services.AddOptions<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(AuthSchemes.Cookie)
            .Configure<IOptions<AuthOptions>>((cookie, auth) => cookie.ExpireTimeSpan = auth.Value.SessionLifetime);

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Admin, policy => policy.RequireRole(Roles.Admin))
            .AddPolicy(Policies.Supervisor, policy => policy.RequireRole(Roles.Admin, Roles.Supervisor))
            .AddPolicy(Policies.Agent, policy => policy.RequireRole(Roles.Admin, Roles.Supervisor, Roles.Agent));
        return services;
    }
}
