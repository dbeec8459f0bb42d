using BotPbx.Asterisk.Ami;

namespace BotPbx.Telephony.Live;

public sealed partial class LiveModel
{
    private void OnChannelEvent(AmiEvent e, Context context) => Track(e, context);

    private void OnNewstate(AmiEvent e, Context context)
    {
        if (Track(e, context) is not { } channel) return;
        if (channel.State != "Up" || channel.AnsweredAt is not null) return;
        channel.AnsweredAt = context.Now;
        var call = _calls[channel.Linkedid];
        // The caller's own leg going Up while it dials someone is the callee answering (DialEnd says who). Going Up on
        // its own means an application answered it: an IVR, voicemail, a queue, an AI agent.
        if (call.AnsweredAt is null && IsOrigin(call, channel) && channel.DialsOutstanding == 0)
        {
            MarkAnswered(call, LiveNames.Clean(channel.Exten) is { Length: > 0 } exten ? exten : Party(channel), context);
        }
    }

    private void OnNewexten(AmiEvent e, Context context)
    {
        if (Track(e, context) is not { } channel) return;
        channel.Application = e["Application"] ?? "";
        channel.ApplicationData = e["AppData"] ?? "";
        // BotPBX's *76 writes Set(DB(BOTPBX/<ext>/dnd)=0|1); AstDB raises no event, but Newexten carries the
        // substituted AppData, so DND shows at once (a resync reads AstDB itself).
        if (string.Equals(channel.Application, "Set", StringComparison.OrdinalIgnoreCase) && TryReadDndSet(channel.ApplicationData, out var number, out var value)
            && ExtensionFor(number, context) is { } ext && ext.DndOverride != value)
        {
            context.Before(ext, this);
            ext.DndOverride = value;
        }
    }

    private void OnRename(AmiEvent e, Context context)
    {
        if (e["Uniqueid"] is { } id && _channels.TryGetValue(id, out var channel) && e["Newname"] is { Length: > 0 } name)
        {
            channel.Name = name;
            context.Touch(_calls[channel.Linkedid]);
        }
    }

    private void OnDialBegin(AmiEvent e, Context context)
    {
        var caller = Track(e, context);
        var callee = Track(e, context, "Dest");
        if (caller is not null) caller.DialsOutstanding++;
        if (caller is null || callee is null) return;
        var call = _calls[caller.Linkedid];
        if (call.To.Length == 0 && LiveNames.Clean(e["DestCallerIDNum"]) is { Length: > 0 } dialled) call.To = dialled;
    }

    private void OnDialEnd(AmiEvent e, Context context)
    {
        var caller = Track(e, context);
        var callee = Track(e, context, "Dest");
        if (caller is not null && caller.DialsOutstanding > 0) caller.DialsOutstanding--;
        var status = e["DialStatus"] ?? "";
        var owner = caller ?? callee;
        if (owner is null || !_calls.TryGetValue(owner.Linkedid, out var call)) return;
        call.LastDialStatus = status;
        if (string.Equals(status, "ANSWER", StringComparison.OrdinalIgnoreCase) && callee is not null)
        {
            callee.AnsweredAt ??= context.Now;
            MarkAnswered(call, Party(callee), context);
        }
    }

    private void OnBridgeEnter(AmiEvent e, Context context)
    {
        if (Track(e, context) is { } channel) channel.BridgeId = e["BridgeUniqueid"];
    }

    private void OnBridgeLeave(AmiEvent e, Context context)
    {
        if (Track(e, context) is { } channel && channel.BridgeId == e["BridgeUniqueid"]) channel.BridgeId = null;
    }

    private void OnHangup(AmiEvent e, Context context)
    {
        var id = e["Uniqueid"];
        if (string.IsNullOrEmpty(id)) return;
        Tombstone(id);
        if (!_channels.Remove(id, out var channel)) return;
        RemoveFromQueues(id, context);
        if (!_calls.TryGetValue(channel.Linkedid, out var call)) return;
        if (e.GetInt32("Cause") is { } cause && call.AnsweredAt is null && channel.DialsOutstanding == 0 && !IsOrigin(call, channel))
        {
            // A callee that refused (busy here, 17) tells more than the caller's DialEnd may; keep the last word.
            call.LastDialStatus ??= cause == 17 ? "BUSY" : null;
        }
        // The last leg: end the call with the leg still in it, so call.end names the parties (and reaches their agents).
        if (call.Channels.Count == 1) EndCall(call, context);
        else
        {
            call.Channels.Remove(channel);
            context.Touch(call);
        }
    }

    private void OnBlindTransfer(AmiEvent e, Context context)
    {
        var transferee = e["TransfereeLinkedid"] is { Length: > 0 } l && _calls.TryGetValue(l, out var c) ? c : null;
        var transferer = e["TransfererUniqueid"] is { Length: > 0 } u && _channels.TryGetValue(u, out var t) ? t : null;
        var call = transferee ?? (transferer is not null ? _calls[transferer.Linkedid] : null);
        if (call is null) return;
        var from = transferer is not null ? Party(transferer) : LiveNames.Clean(e["TransfererCallerIDNum"]);
        context.Transferred(call, from, e["Extension"] ?? "", "blind");
    }

    private void OnAttendedTransfer(AmiEvent e, Context context)
    {
        var linkedid = e["TransfereeLinkedid"] is { Length: > 0 } t ? t : e["OrigTransfererLinkedid"];
        if (linkedid is null || !_calls.TryGetValue(linkedid, out var call)) return;
        var from = e["OrigTransfererUniqueid"] is { } u && _channels.TryGetValue(u, out var transferer)
            ? Party(transferer) : LiveNames.Clean(e["OrigTransfererCallerIDNum"]);
        var to = e["TransferTargetUniqueid"] is { } target && _channels.TryGetValue(target, out var targetChannel)
            ? Party(targetChannel) : LiveNames.Clean(e["SecondTransfererConnectedLineNum"]);
        context.Transferred(call, from, to, "attended");
    }

    /// <summary>
    /// The channel the event is about (or its <paramref name="prefix"/> block, e.g. Dest), created when unknown, its block
    /// copied in, moved to another call when its Linkedid changed. Null when it already hung up or the block has no id.
    /// </summary>
    private ChannelState? Track(AmiEvent e, Context context, string prefix = "")
    {
        var id = e[prefix + "Uniqueid"];
        if (string.IsNullOrEmpty(id) || id == "<unknown>" || _hungUp.Contains(id)) return null;
        var linkedid = e[prefix + "Linkedid"] is { Length: > 0 } l ? l : id;
        if (!_channels.TryGetValue(id, out var channel))
        {
            channel = new ChannelState(id, linkedid, e[prefix + "Channel"] ?? "", context.Now);
            _channels.Add(id, channel);
            Read(channel, e, prefix);
            Join(channel, linkedid, context);
            return channel;
        }
        Read(channel, e, prefix);
        if (channel.Linkedid != linkedid) Move(channel, linkedid, context);
        else context.Touch(_calls[linkedid]);
        return channel;
    }

    private static void Read(ChannelState channel, AmiEvent e, string prefix)
    {
        if (e[prefix + "ChannelStateDesc"] is { Length: > 0 } state) channel.State = state;
        if (e[prefix + "CallerIDNum"] is { } num) channel.CallerIdNum = LiveNames.Clean(num);
        if (e[prefix + "CallerIDName"] is { } name) channel.CallerIdName = LiveNames.Clean(name);
        if (e[prefix + "ConnectedLineNum"] is { } cnum) channel.ConnectedNum = LiveNames.Clean(cnum);
        if (e[prefix + "ConnectedLineName"] is { } cname) channel.ConnectedName = LiveNames.Clean(cname);
        if (e[prefix + "Context"] is { } ctx) channel.Context = ctx;
        if (e[prefix + "Exten"] is { } exten) channel.Exten = exten;
        if (e[prefix + "Channel"] is { Length: > 0 } n) channel.Name = n;
    }

    private void Join(ChannelState channel, string linkedid, Context context)
    {
        JoinCall(channel, linkedid, context);
        var call = _calls[linkedid];
        if (channel.Endpoint is { } endpoint && IsExtension(endpoint) && !call.Extensions.Contains(endpoint)) call.Extensions.Add(endpoint);
    }

    private bool IsExtension(string endpoint) =>
        _directory.Extensions.Count == 0 ? !_directory.TrunkEndpoints.Contains(endpoint) : _directory.Extensions.ContainsKey(endpoint);

    private void JoinCall(ChannelState channel, string linkedid, Context context)
    {
        if (!_calls.TryGetValue(linkedid, out var call))
        {
            call = new CallState(linkedid, channel.CreatedAt);
            _calls.Add(linkedid, call);
            call.Channels.Add(channel);
            SetOrigin(call, channel);
            context.Started(call);
        }
        else
        {
            call.Channels.Add(channel);
            // The Linkedid's own channel arriving late (out of order) is still the origin.
            if (channel.Uniqueid == linkedid || !call.HasOrigin) SetOrigin(call, channel);
            context.Touch(call);
        }
    }

    private void Move(ChannelState channel, string linkedid, Context context)
    {
        if (_calls.TryGetValue(channel.Linkedid, out var old))
        {
            if (old.Channels.Count == 1) EndCall(old, context);
            else
            {
                old.Channels.Remove(channel);
                context.Touch(old);
            }
        }
        channel.Linkedid = linkedid;
        Join(channel, linkedid, context);
    }

    private static void SetOrigin(CallState call, ChannelState channel)
    {
        call.HasOrigin = true;
        call.From = channel.CallerIdNum;
        call.FromName = channel.CallerIdName;
        call.To = LiveNames.Clean(channel.Exten) is { Length: > 0 } exten && exten != "s" ? exten : call.To;
        if (channel.CreatedAt < call.StartedAt) call.StartedAt = channel.CreatedAt;
    }

    private static bool IsOrigin(CallState call, ChannelState channel) =>
        channel.Uniqueid == call.Linkedid || (call.Channels.Count > 0 && ReferenceEquals(call.Channels[0], channel));

    private static void MarkAnswered(CallState call, string by, Context context)
    {
        var first = call.AnsweredAt is null;
        call.AnsweredAt ??= context.Now;
        if (!first && call.AnsweredBy == by) return;
        call.AnsweredBy = by;
        context.Answered(call);
    }

    private void EndCall(CallState call, Context context)
    {
        _calls.Remove(call.Linkedid);
        var view = ToView(call);
        var duration = (int)Math.Max(0, (context.Now - call.StartedAt).TotalSeconds);
        context.Ended(new CallEnded(view, duration, Disposition(call), context.Now));
    }

    private static string Disposition(CallState call) => call.AnsweredAt is not null ? "ANSWERED" : call.LastDialStatus?.ToUpperInvariant() switch
    {
        "BUSY" => "BUSY",
        "CONGESTION" or "CHANUNAVAIL" or "INVALIDARGS" => "FAILED",
        _ => "NO ANSWER",
    };

    /// <summary>Who a channel is: its extension number when it is a BotPBX phone, else its caller ID number, else its endpoint.</summary>
    private string Party(ChannelState channel)
    {
        if (channel.Endpoint is { } endpoint && _directory.Extensions.ContainsKey(endpoint)) return endpoint;
        if (channel.CallerIdNum.Length > 0) return channel.CallerIdNum;
        return channel.Endpoint ?? channel.Name;
    }

    private static bool TryReadDndSet(string appData, out string number, out bool? value)
    {
        number = "";
        value = null;
        const string prefix = "DB(BOTPBX/";
        if (!appData.StartsWith(prefix, StringComparison.Ordinal)) return false;
        var end = appData.IndexOf("/dnd)=", prefix.Length, StringComparison.Ordinal);
        if (end < 0) return false;
        number = appData[prefix.Length..end];
        var text = appData[(end + "/dnd)=".Length)..];
        value = text switch { "1" => true, "0" => false, _ => null };
        return number.Length > 0 && value is not null;
    }
}
