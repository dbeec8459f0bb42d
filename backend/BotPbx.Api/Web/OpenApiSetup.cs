using System.Text.Json.Nodes;
using BotPbx.Api.Features.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace BotPbx.Api.Web;

/// <summary>
/// /openapi/v1.json (Microsoft.AspNetCore.OpenApi) with the bearer scheme, a security requirement and an
/// <c>x-botpbx-policy</c> extension on every operation that needs a sign-in, and the Swagger UI at /api/docs.
/// </summary>
public static class OpenApiSetup
{
    public const string DocumentPath = "/openapi/v1.json";
    public const string PolicyExtension = "x-botpbx-policy";

    public static IServiceCollection AddBotPbxOpenApi(this IServiceCollection services) =>
        services.AddOpenApi("v1", options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "BotPBX API";
                document.Info.Version = Features.SystemStatus.SystemApi.Version;
                document.Info.Description =
                    "Sign in with POST /api/auth/login, then send `Authorization: Bearer <token>`. " +
                    "Errors are RFC 7807 problem details with a stable `code`.";
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[AuthSchemes.Bearer] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "The token from POST /api/auth/login (opaque, not a JWT).",
                };
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                var metadata = context.Description.ActionDescriptor.EndpointMetadata;
                if (metadata.OfType<IAllowAnonymous>().Any()) return Task.CompletedTask;
                var policy = metadata.OfType<IAuthorizeData>().Select(data => data.Policy).LastOrDefault(p => p is not null)
                             ?? "Authenticated";
                operation.Security ??= [];
                operation.Security.Add(new OpenApiSecurityRequirement
                {
                    [new OpenApiSecuritySchemeReference(AuthSchemes.Bearer, context.Document)] = [],
                });
                operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
                operation.Extensions[PolicyExtension] = new JsonNodeExtension(JsonValue.Create(policy));
                return Task.CompletedTask;
            });
        });

    public static WebApplication UseApiReference(this WebApplication app)
    {
        app.UseSwaggerUI(options =>
        {
            options.RoutePrefix = "api/docs";
            options.DocumentTitle = "BotPBX API";
            options.SwaggerEndpoint(DocumentPath, "BotPBX API v1");
        });
        return app;
    }

    public static IEndpointRouteBuilder MapApiDocument(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi(DocumentPath).AllowAnonymous();
        return app;
    }
}
