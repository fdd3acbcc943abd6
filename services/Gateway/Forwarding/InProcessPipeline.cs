using System.IO.Pipelines;
using System.Net;
using Microsoft.AspNetCore.Http.Features;

namespace Operators.Gateway.Forwarding;

/// <summary>
/// The standalone host's whole request pipeline, captured when the host builds it, so that the gateway can send a
/// request to a service module of this same process (<see cref="InProcessPipelineHandler"/>) exactly as a
/// distributed gateway sends it over the network.
/// </summary>
public sealed class InProcessPipeline
{
    private RequestDelegate? application;

    public RequestDelegate Application =>
        application ?? throw new InvalidOperationException("The host has not built its request pipeline yet.");

    /// <summary>Put first in the pipeline: what follows it is the whole application.</summary>
    internal sealed class Capture(InProcessPipeline pipeline) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(rest =>
            {
                pipeline.application = rest;
                return rest;
            });
            next(app);
        };
    }
}

/// <summary>
/// Marks a request the gateway itself sent through <see cref="InProcessPipeline"/>: it already carries its internal
/// token, which the edge must leave alone. A feature, not a header: nothing a client sends can set it.
/// </summary>
public sealed class InProcessServiceCall;

/// <summary>An <see cref="HttpClient"/>'s last handler that answers by running the host's own pipeline in-process.</summary>
public sealed class InProcessPipelineHandler(InProcessPipeline pipeline, IServiceScopeFactory scopes) : HttpMessageHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var uri = request.RequestUri ?? throw new ArgumentException("The request has no address.", nameof(request));
        var features = new FeatureCollection();
        var incoming = new HttpRequestFeature
        {
            Method = request.Method.Method,
            Scheme = uri.Scheme,
            Path = PathString.FromUriComponent(uri),
            QueryString = uri.Query,
            RawTarget = uri.PathAndQuery,
            Protocol = "HTTP/1.1",
            Body = request.Content is null ? Stream.Null : await request.Content.ReadAsStreamAsync(cancellationToken),
        };
        incoming.Headers.Host = uri.Authority;
        foreach (var (name, values) in request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>()))
        {
            incoming.Headers[name] = values.ToArray();
        }

        await using var scope = scopes.CreateAsyncScope();
        using var response = new BufferedResponse();
        features.Set<IHttpRequestFeature>(incoming);
        features.Set<IHttpResponseFeature>(response);
        features.Set<IHttpResponseBodyFeature>(response);
        features.Set<IHttpRequestLifetimeFeature>(new HttpRequestLifetimeFeature { RequestAborted = cancellationToken });
        features.Set<IHttpConnectionFeature>(new HttpConnectionFeature { RemoteIpAddress = IPAddress.Loopback, LocalIpAddress = IPAddress.Loopback });
        features.Set<IServiceProvidersFeature>(new ServiceProvidersFeature { RequestServices = scope.ServiceProvider });
        features.Set(new InProcessServiceCall());
        var context = new DefaultHttpContext(features);
        try
        {
            await pipeline.Application(context);
            await response.CompleteAsync();
        }
        finally
        {
            await response.RunCompletedAsync();
        }

        var answer = new HttpResponseMessage((HttpStatusCode)response.StatusCode)
        {
            RequestMessage = request,
            Content = new ByteArrayContent(response.Bytes),
        };
        foreach (var (name, values) in response.Headers)
        {
            if (!answer.Headers.TryAddWithoutValidation(name, (IEnumerable<string>)values))
            {
                answer.Content.Headers.TryAddWithoutValidation(name, (IEnumerable<string>)values);
            }
        }

        return answer;
    }

    /// <summary>
    /// The response, kept in memory. Its start callbacks (headers set at the last moment) run when the pipeline
    /// starts or completes it; everything is read once the pipeline has returned.
    /// </summary>
    private sealed class BufferedResponse : IHttpResponseFeature, IHttpResponseBodyFeature, IDisposable
    {
        private readonly MemoryStream body = new();
        private readonly Stack<(Func<object, Task> Callback, object State)> starting = new();
        private readonly Stack<(Func<object, Task> Callback, object State)> completed = new();
        private PipeWriter? writer;
        private bool started;

        public int StatusCode { get; set; } = StatusCodes.Status200OK;

        public string? ReasonPhrase { get; set; }

        public IHeaderDictionary Headers { get; set; } = new HeaderDictionary();

        [Obsolete("Use IHttpResponseBodyFeature.Stream instead.")]
        public Stream Body { get => body; set => throw new NotSupportedException("The in-process response body cannot be replaced."); }

        public bool HasStarted => started || body.Length > 0;

        public Stream Stream => body;

        public PipeWriter Writer => writer ??= PipeWriter.Create(body, new StreamPipeWriterOptions(leaveOpen: true));

        public byte[] Bytes => body.ToArray();

        public void OnStarting(Func<object, Task> callback, object state) => starting.Push((callback, state));

        public void OnCompleted(Func<object, Task> callback, object state) => completed.Push((callback, state));

        public void DisableBuffering()
        {
        }

        public async Task StartAsync(CancellationToken cancellationToken = default)
        {
            if (started)
            {
                return;
            }

            started = true;
            while (starting.TryPop(out var next))
            {
                await next.Callback(next.State);
            }
        }

        public Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default) =>
            SendFileFallback.SendFileAsync(body, path, offset, count, cancellationToken);

        public async Task CompleteAsync()
        {
            await StartAsync();
            if (writer is not null)
            {
                await writer.FlushAsync();
            }
        }

        public void Dispose() => body.Dispose();

        public async Task RunCompletedAsync()
        {
            while (completed.TryPop(out var next))
            {
                await next.Callback(next.State);
            }
        }
    }
}
