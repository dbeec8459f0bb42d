// "Try it": a real call from the browser phone to the agent, and a text chat with the saved agent (same prompt,
// variables and tools as a call).
import { useRef, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { errorMessage } from '../../api/errors';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { TextField } from '../../components/form/Field';
import { PageHeader } from '../../components/PageHeader';
import { FieldRow, FormSection } from '../pbx/shared/FormSection';
import { useAgent } from './api';
import { BrowserCall } from './BrowserCall';
import { sendChatMessage, startChat, type ChatEvent } from './chat';
import styles from './agents.module.css';

type Line =
  | { kind: 'caller' | 'agent'; text: string }
  | { kind: 'tool'; name: string; arguments: string; result: string; executed: boolean }
  | { kind: 'note'; text: string };

export default function TryItPage() {
  const id = Number(useParams().id);
  const agent = useAgent(id);
  const [context, setContext] = useState('');
  const [callerId, setCallerId] = useState('');
  const [did, setDid] = useState('');
  const [conversation, setConversation] = useState<number | null>(null);
  const [lines, setLines] = useState<Line[]>([]);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [ended, setEnded] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [latency, setLatency] = useState<string | null>(null);
  const scroller = useRef<HTMLDivElement>(null);

  const scroll = () => setTimeout(() => scroller.current?.scrollTo({ top: scroller.current.scrollHeight }), 0);

  const start = async () => {
    setProblem(null);
    setEnded(null);
    setLatency(null);
    try {
      const variables: Record<string, string> = {};
      if (callerId) variables.caller_id = callerId;
      if (did) variables.did = did;
      const chat = await startChat(id, context, variables);
      setConversation(chat.conversationId);
      setLines(
        chat.greeting
          ? [{ kind: 'agent', text: chat.greeting }]
          : [{ kind: 'note', text: 'The agent has no greeting: say something.' }],
      );
    } catch (error) {
      setProblem(errorMessage(error));
    }
  };

  const onEvent = (event: ChatEvent) => {
    setLines((current) => {
      const next = [...current];
      const last = next[next.length - 1];
      switch (event.type) {
        case 'text':
          if (last?.kind === 'agent') next[next.length - 1] = { ...last, text: last.text + event.text };
          else next.push({ kind: 'agent', text: event.text });
          break;
        case 'tool':
          next.push({
            kind: 'tool',
            name: event.name,
            arguments: event.arguments,
            result: event.result,
            executed: event.executed,
          });
          break;
        case 'ended':
          next.push({
            kind: 'note',
            text: `The conversation ended: ${event.outcome}${event.transferredTo ? ` to ${event.transferredTo}` : ''}.`,
          });
          setEnded(event.outcome);
          break;
        case 'error':
          next.push({ kind: 'note', text: event.message });
          break;
        case 'done':
          setLatency(`First token after ${event.llmFirstTokenMs ?? '—'} ms, whole answer ${event.totalMs} ms`);
          break;
      }
      return next;
    });
    scroll();
  };

  const send = async () => {
    if (conversation === null || text.trim() === '') return;
    const message = text.trim();
    setText('');
    setBusy(true);
    setLines((l) => [...l, { kind: 'caller', text: message }, { kind: 'agent', text: '' }]);
    try {
      await sendChatMessage(conversation, message, onEvent);
    } catch (error) {
      setProblem(errorMessage(error));
    } finally {
      setLines((l) => l.filter((line) => !(line.kind === 'agent' && line.text === '')));
      setBusy(false);
      scroll();
    }
  };

  return (
    <div className={styles.page}>
      <PageHeader
        title={`Try ${agent.data?.name ?? 'the agent'}`}
        description="Call the saved agent from your browser phone, or chat with it in text: the same prompt, variables and tools as a call."
        actions={<Link to="/ai-agents">Back to agents</Link>}
      />
      <Card>
        <FormSection
          title="Call it from the browser"
          description="A real call from your browser phone to the agent's internal number: you hear its voice and it hears yours."
        >
          {agent.data ? <BrowserCall agent={agent.data} /> : null}
        </FormSection>
      </Card>
      <Card>
        <FormSection
          title="Text chat"
          description="Functions are really called (their webhook, signed). Transfer, hang-up and DTMF are shown, not done: a chat has no phone line."
        >
          {conversation === null || ended ? (
            <>
              <FieldRow>
                <TextField label="Context (AI_CONTEXT)" value={context} onChange={setContext} placeholder="sales" />
                <TextField
                  label="Caller ID ({{caller_id}})"
                  value={callerId}
                  onChange={setCallerId}
                  placeholder="+15551230000"
                />
                <TextField label="DID ({{did}})" value={did} onChange={setDid} />
              </FieldRow>
              <div>
                <Button onClick={() => void start()}>
                  {conversation === null ? 'Start chat' : 'Start a new chat'}
                </Button>
              </div>
            </>
          ) : (
            <p className={styles.muted}>
              Conversation #{conversation} ·{' '}
              <Link to={`/ai-agents/conversations/${conversation}`}>see it with its turns</Link>
            </p>
          )}
          {problem && <Alert tone="error">{problem}</Alert>}
          {conversation !== null && (
            <>
              <div className={styles.chat} ref={scroller} aria-label="Chat transcript" role="log">
                {lines.map((line, i) =>
                  line.kind === 'tool' ? (
                    <div key={i} className={styles.tool} data-testid="tool-call">
                      {line.executed ? 'Called' : 'Would call (not done in a chat)'} <strong>{line.name}</strong>(
                      {line.arguments}) → {line.result}
                    </div>
                  ) : line.kind === 'note' ? (
                    <div key={i} className={styles.muted} role="status">
                      {line.text}
                    </div>
                  ) : (
                    line.text !== '' && (
                      <div
                        key={i}
                        className={line.kind === 'caller' ? styles.caller : styles.agent}
                        data-testid={`${line.kind}-message`}
                      >
                        {line.text}
                      </div>
                    )
                  ),
                )}
              </div>
              {latency && <p className={styles.muted}>{latency}</p>}
              <form
                className={styles.composer}
                onSubmit={(event) => {
                  event.preventDefault();
                  void send();
                }}
              >
                <TextField
                  label="Your message"
                  value={text}
                  onChange={setText}
                  disabled={busy || ended !== null}
                  placeholder="Hello, I'd like a quote"
                />
                <Button type="submit" busy={busy} disabled={ended !== null}>
                  Send
                </Button>
              </form>
            </>
          )}
        </FormSection>
      </Card>
    </div>
  );
}
