using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CaseFlow.Tests.Infrastructure.Smtp;

/// <summary>What the next mail transaction should suffer; each MAIL FROM takes the next scripted fault, if any.</summary>
public enum SmtpFault
{
    /// <summary>Close the connection when RCPT TO arrives, without a reply: nothing of the message was sent.</summary>
    DropBeforeData,

    /// <summary>Read the whole message, then close without the final reply: the client cannot know.</summary>
    DropAfterData,

    /// <summary>Answer RCPT TO with 451 (try again later).</summary>
    TemporaryFailure,

    /// <summary>Answer RCPT TO with 550 (mailbox unavailable).</summary>
    PermanentFailure,
}

/// <summary>A message the server accepted (or, for <see cref="SmtpFault.DropAfterData"/>, read and then dropped).</summary>
public sealed record ReceivedMail(string From, IReadOnlyList<string> To, byte[] Data);

/// <summary>
/// A small real SMTP server on loopback for tests and the bench: greeting, EHLO/HELO, MAIL, RCPT, DATA with
/// dot-unstuffing, RSET, NOOP, QUIT, and scripted faults. Shared with bench/CaseFlow.Bench as a linked file,
/// so it uses nothing but the BCL.
/// </summary>
public sealed class SmtpServer : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stopping = new();
    private readonly ConcurrentQueue<SmtpFault> faults = new();
    private readonly ConcurrentQueue<ReceivedMail> received = new();
    private readonly ConcurrentQueue<ReceivedMail> dropped = new();
    private readonly List<Task> connections = [];
    private readonly Task acceptLoop;
    private int connectionCount;

    public SmtpServer()
    {
        listener.Start(512);
        acceptLoop = AcceptAsync();
    }

    public string Host => "127.0.0.1";

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    public IReadOnlyList<ReceivedMail> Received => received.ToArray();

    /// <summary>Messages read completely and then dropped without the final reply.</summary>
    public IReadOnlyList<ReceivedMail> DroppedAfterData => dropped.ToArray();

    public int ConnectionCount => Volatile.Read(ref connectionCount);

    /// <summary>How long the server takes to accept a message once it has read it: a slow server keeps batches open.</summary>
    public TimeSpan AcceptDelay { get; set; }

    public void Script(params SmtpFault[] next)
    {
        foreach (var fault in next)
        {
            faults.Enqueue(fault);
        }
    }

    private async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptSocketAsync(stopping.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            socket.NoDelay = true;
            Interlocked.Increment(ref connectionCount);
            lock (connections)
            {
                connections.RemoveAll(t => t.IsCompleted);
                connections.Add(Task.Run(() => ServeAsync(socket)));
            }
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        await using var stream = new NetworkStream(socket, ownsSocket: true);
        var reader = new LineReader(stream);
        try
        {
            await Reply(stream, "220 localhost CaseFlow test SMTP ready");
            string? from = null;
            var to = new List<string>();
            SmtpFault? fault = null;
            while (await reader.ReadLineAsync(stopping.Token) is { } line)
            {
                var command = line.Length >= 4 ? line[..4].ToUpperInvariant() : line.ToUpperInvariant();
                switch (command)
                {
                    case "EHLO":
                        await Reply(stream, "250-localhost greets you\r\n250-8BITMIME\r\n250-SIZE 35882577\r\n250 HELP");
                        break;
                    case "HELO":
                        await Reply(stream, "250 localhost");
                        break;
                    case "MAIL":
                        from = Address(line);
                        to.Clear();
                        fault = faults.TryDequeue(out var next) ? next : null;
                        await Reply(stream, "250 2.1.0 Sender OK");
                        break;
                    case "RCPT" when from is null:
                        await Reply(stream, "503 5.5.1 MAIL first");
                        break;
                    case "RCPT":
                        switch (fault)
                        {
                            case SmtpFault.DropBeforeData:
                                return;
                            case SmtpFault.TemporaryFailure:
                                await Reply(stream, "451 4.3.0 Try again later");
                                continue;
                            case SmtpFault.PermanentFailure:
                                await Reply(stream, "550 5.1.1 Mailbox unavailable");
                                continue;
                        }

                        to.Add(Address(line));
                        await Reply(stream, "250 2.1.5 Recipient OK");
                        break;
                    case "DATA" when to.Count == 0:
                        await Reply(stream, "554 5.5.1 No valid recipients");
                        break;
                    case "DATA":
                        await Reply(stream, "354 End data with <CR><LF>.<CR><LF>");
                        var data = await reader.ReadDataAsync(stopping.Token);
                        if (data is null)
                        {
                            return;
                        }

                        var mail = new ReceivedMail(from!, to.ToArray(), data);
                        if (fault == SmtpFault.DropAfterData)
                        {
                            dropped.Enqueue(mail);
                            return;
                        }

                        received.Enqueue(mail);
                        if (AcceptDelay > TimeSpan.Zero)
                        {
                            await Task.Delay(AcceptDelay, stopping.Token);
                        }

                        from = null;
                        to.Clear();
                        fault = null;
                        await Reply(stream, "250 2.0.0 Queued");
                        break;
                    case "RSET":
                        from = null;
                        to.Clear();
                        fault = null;
                        await Reply(stream, "250 2.0.0 OK");
                        break;
                    case "NOOP":
                        await Reply(stream, "250 2.0.0 OK");
                        break;
                    case "QUIT":
                        await Reply(stream, "221 2.0.0 Bye");
                        return;
                    default:
                        await Reply(stream, "502 5.5.2 Command not recognised");
                        break;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away; nothing to clean up beyond the socket.
        }
    }

    private static string Address(string line)
    {
        var start = line.IndexOf('<', StringComparison.Ordinal);
        var end = line.IndexOf('>', StringComparison.Ordinal);
        return start >= 0 && end > start ? line[(start + 1)..end] : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }

    private static Task Reply(NetworkStream stream, string text) =>
        stream.WriteAsync(Encoding.ASCII.GetBytes(text + "\r\n")).AsTask();

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        await acceptLoop;
        Task[] open;
        lock (connections)
        {
            open = connections.ToArray();
        }

        await Task.WhenAll(open);
        stopping.Dispose();
    }

    /// <summary>Reads CRLF-terminated lines and the DATA section byte for byte (the message may be 8-bit).</summary>
    private sealed class LineReader(Stream stream)
    {
        private readonly byte[] buffer = new byte[16 * 1024];
        private int start;
        private int end;

        public async Task<string?> ReadLineAsync(CancellationToken ct) =>
            await ReadRawLineAsync(ct) is { } bytes ? Encoding.UTF8.GetString(bytes) : null;

        /// <summary>Lines up to the lone dot, with dot-unstuffing; null when the connection closes first.</summary>
        public async Task<byte[]?> ReadDataAsync(CancellationToken ct)
        {
            using var data = new MemoryStream();
            while (await ReadRawLineAsync(ct) is { } line)
            {
                if (line is [(byte)'.'])
                {
                    return data.ToArray();
                }

                var offset = line.Length > 0 && line[0] == '.' ? 1 : 0;
                data.Write(line, offset, line.Length - offset);
                data.Write("\r\n"u8);
            }

            return null;
        }

        private async Task<byte[]?> ReadRawLineAsync(CancellationToken ct)
        {
            var line = new List<byte>();
            while (true)
            {
                for (; start < end; start++)
                {
                    var b = buffer[start];
                    if (b == '\n')
                    {
                        start++;
                        if (line.Count > 0 && line[^1] == '\r')
                        {
                            line.RemoveAt(line.Count - 1);
                        }

                        return line.ToArray();
                    }

                    line.Add(b);
                }

                start = 0;
                end = await stream.ReadAsync(buffer, ct);
                if (end == 0)
                {
                    return null;
                }
            }
        }
    }
}
