using BotPbx.Api.Configuration;
using BotPbx.Api.Database;
using BotPbx.Api.Features.Agents;
using BotPbx.Api.Features.Asterisk;
using BotPbx.Api.Features.Audit;
using BotPbx.Api.Features.Auth;
using BotPbx.Api.Features.Calls;
using BotPbx.Api.Features.Campaigns;
using BotPbx.Api.Features.Ivr;
using BotPbx.Api.Features.Jobs;
using BotPbx.Api.Features.Live;
using BotPbx.Api.Features.Monitoring;
using BotPbx.Api.Features.Phone;
using BotPbx.Api.Features.Metrics;
using BotPbx.Api.Features.Settings;
using BotPbx.Api.Features.SipBans;
using BotPbx.Api.Features.Telephony;
using BotPbx.Api.Features.VoiceCalls;
using BotPbx.Api.Features.SystemStatus;
using BotPbx.Api.Features.Users;
using BotPbx.Api.Hosting;
using BotPbx.Api.Problems;
using BotPbx.Api.Web;

var builder = WebApplication.CreateBuilder(args);
builder.AddBotPbxConfiguration();
builder.Services.AddBotPbxProblems();
builder.Services.AddBotPbxDatabase();
builder.Services.AddBotPbxAuth();
builder.Services.AddBotPbxOpenApi();
builder.Services.AddAuditLog();
builder.Services.AddUsers();
builder.Services.AddSettings();
builder.Services.AddSystemStatus();
builder.Services.AddTelephony();
// After AddTelephony: it counts security events on the AMI client the Telephony feature's host creates.
builder.Services.AddSipBans();
builder.Services.AddIvr(builder.Configuration);
builder.Services.AddAgents(builder.Configuration);
builder.Services.AddVoiceCalls();
builder.Services.AddBotPbxMetrics();
builder.Services.AddProtocolServers();
builder.Services.AddLive();
builder.Services.AddPhone();
builder.Services.AddCallMonitoring();
builder.Services.AddCallLogs(builder.Configuration);
builder.Services.AddBotPbxJobs(builder.Configuration);
builder.Services.AddCampaigns();

var app = builder.Build();
// The installer's render-only step: writes Asterisk's botpbx/ files and exits, without serving (see the class).
if (RenderConfigCommand.IsRequested(args)) return await RenderConfigCommand.RunAsync(app);
if (!await app.PrepareDatabaseAsync())
{
    // Disposing flushes the console logger's queue, so the one line saying why reaches the log.
    await app.DisposeAsync();
    return 1;
}

app.UseBotPbxProblems();
app.UseHttpsOnly();
app.UseSecurityHeaders();
app.UseApiReference();
app.UseSpaStaticFiles();
app.UseWebSockets();
app.UseRouting();
app.UseCrossSiteRequestGuard();
app.UseAuthentication();
app.UseAuthorization();

app.MapApiDocument();
app.MapAuthApi();
app.MapUsersApi();
app.MapSystemApi();
app.MapAuditApi();
app.MapSettingsApi();
app.MapTelephonyApi();
app.MapSipBansApi();
app.MapIvrEndpoints();
app.MapLiveApi();
app.MapPhoneApi();
app.MapCallMonitoringApi();
app.MapCallsApi();
app.MapAgentsEndpoints();
app.MapCampaignsApi();
app.MapJobsDashboard();
app.MapMetricsApi();
app.MapSpaFallback();

await app.RunAsync();
return 0;

public partial class Program;
