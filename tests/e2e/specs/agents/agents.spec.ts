import pg from 'pg';
import { ENV_DATABASE_URL } from '../../support/environment';
import { expect, test } from '../../support/fixtures';
import { keepScreenshot } from '../../support/screenshots';
import { startScriptedOpenAi } from './scriptedOpenAi';

const unique = () => Math.random().toString(36).slice(2, 8);

test('An admin creates an agent through the form and sees a field error from the server next to its field', async ({ adminPage: page }) => {
  const name = `Reception ${unique()}`;
  await page.goto('/ai-agents');
  await expect(page.getByRole('heading', { level: 1, name: 'AI Agents' })).toBeVisible();
  await page.getByRole('button', { name: 'New agent' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'New AI agent' })).toBeVisible();

  await page.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
  await page.getByRole('textbox', { name: 'Model', exact: true }).fill('llama3');
  await page.getByRole('textbox', { name: 'System prompt' }).fill('You are the receptionist of Acme. Keep answers short.');
  await page.getByRole('textbox', { name: 'Greeting', exact: true }).fill('Acme, good morning!');
  await page.getByRole('spinbutton', { name: 'Temperature' }).fill('3');
  await page.getByRole('button', { name: 'Add function' }).click();
  await page.getByRole('textbox', { name: 'Function name' }).fill('lookup_customer');
  await page.getByRole('textbox', { name: 'Webhook URL' }).fill('https://crm.example.com/lookup');
  await page.getByRole('textbox', { name: 'Description', exact: true }).last().fill('Find a customer by phone');
  await page.getByRole('button', { name: 'Create agent' }).click();

  // The server refuses the temperature; the message sits next to the field.
  const temperature = page.getByRole('spinbutton', { name: 'Temperature' });
  await expect(temperature).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Temperature must be between 0 and 2')).toBeVisible();
  await keepScreenshot(page, 'agents-form-field-error');

  await temperature.fill('0.5');
  await page.getByRole('button', { name: 'Create agent' }).click();
  // The new function's signing secret is shown once, on the form.
  await expect(page.getByText('New signing secrets are shown below once')).toBeVisible();
  await expect(page.getByTestId('secret-value')).toHaveText(/^bpx_[0-9a-f]{64}$/);
  await keepScreenshot(page, 'agents-form-saved-with-secret');

  await page.goto('/ai-agents');
  await expect(page.getByRole('link', { name })).toBeVisible();
  await keepScreenshot(page, 'agents-list');
});

test('The try-it chat streams the agent answer from an OpenAI-compatible server', async ({ adminPage: page, adminApi }) => {
  const llm = await startScriptedOpenAi(['Hello! How can I help you today?', 'Our office opens at nine.']);
  try {
    const saved = await adminApi.put('/api/ai-providers/openai-compatible', { data: { baseUrl: llm.baseUrl } });
    expect(saved.status(), await saved.text()).toBe(200);
    const created = await adminApi.post('/api/agents', {
      data: { name: `Chatty ${unique()}`, llmProvider: 'openai-compatible', model: 'scripted', systemPrompt: 'You help {{caller_id}}.', greeting: 'Hi there!' },
    });
    expect(created.status(), await created.text()).toBe(201);
    const agent = (await created.json()) as { id: number };

    await page.goto(`/ai-agents/${agent.id}/try`);
    // No internal number (and an admin without a browser phone): the call button says why it cannot dial.
    await expect(page.getByRole('button', { name: /^Call Chatty/ })).toBeDisabled();
    await expect(page.getByText('The agent has no internal number yet')).toBeVisible();
    await page.getByLabel('Caller ID ({{caller_id}})').fill('+15551230000');
    await page.getByRole('button', { name: 'Start chat' }).click();
    await expect(page.getByTestId('agent-message').first()).toHaveText('Hi there!');

    await page.getByLabel('Your message').fill('Hello');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(page.getByTestId('agent-message').nth(1)).toHaveText('Hello! How can I help you today?');
    await page.getByLabel('Your message').fill('When do you open?');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(page.getByTestId('agent-message').nth(2)).toHaveText('Our office opens at nine.');
    await expect(page.getByText(/First token after/)).toBeVisible();
    // The model got the call's prompt with the variable filled in.
    expect(JSON.stringify(llm.requests[0])).toContain('You help +15551230000.');
    await keepScreenshot(page, 'agents-try-it-chat');
  } finally {
    await llm.close();
  }
});

test('A conversation page shows each turn with its latency waterfall', async ({ adminPage: page, adminApi }) => {
  const created = await adminApi.post('/api/agents', {
    data: { name: `Waterfall ${unique()}`, llmProvider: 'openai-compatible', model: 'llama3', systemPrompt: 'p' },
  });
  const agent = (await created.json()) as { id: number; name: string };
  // Phone conversations come only from real calls: seed one as the pipeline would have saved it.
  const client = new pg.Client({ connectionString: process.env[ENV_DATABASE_URL] });
  await client.connect();
  let conversationId: number;
  try {
    const started = await client.query<{ id: string }>(
      `INSERT INTO agent_conversations (agent_id, agent_name, source, channel, caller_id, did, started_at, ended_at, outcome, transferred_to)
       VALUES ($1, $2, 'call', 'PJSIP/trunk-00000007', '+15551230000', '+15559870000', now() - interval '2 minutes', now() - interval '1 minute',
               'transferred', 'Sales') RETURNING id`,
      [agent.id, agent.name],
    );
    conversationId = Number(started.rows[0].id);
    await client.query(
      `INSERT INTO agent_turns (conversation_id, index, role, text, at, end_of_speech, stt_final, llm_first_token, tts_first_audio, first_frame_sent, tool_name, tool_arguments, tool_result)
       VALUES ($1, 0, 'agent', 'Acme, good morning!', now() - interval '119 seconds', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
              ($1, 1, 'caller', 'I would like to talk to sales', now() - interval '110 seconds', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
              ($1, 2, 'agent', 'Of course, connecting you now.', now() - interval '109 seconds', now() - interval '110 seconds',
                 now() - interval '110 seconds' + interval '180 ms', now() - interval '110 seconds' + interval '520 ms',
                 now() - interval '110 seconds' + interval '640 ms', now() - interval '110 seconds' + interval '655 ms', NULL, NULL, NULL),
              ($1, 3, 'tool', '', now() - interval '108 seconds', NULL, NULL, NULL, NULL, NULL, 'transfer', '{"target":"Sales"}', '{"ok":true}')`,
      [conversationId],
    );
  } finally {
    await client.end();
  }

  await page.goto(`/ai-agents/conversations?agentId=${agent.id}`);
  await expect(page.getByRole('cell', { name: agent.name })).toBeVisible();
  await keepScreenshot(page, 'agents-conversations');
  await page.getByRole('link').filter({ hasText: /\d/ }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: `Conversation #${conversationId}` })).toBeVisible();
  await expect(page.getByTestId('turn')).toHaveCount(4);
  const waterfall = page.getByLabel('Latency waterfall');
  await expect(waterfall.getByTestId('lane-sttFinalMs')).toContainText('180 ms');
  await expect(waterfall.getByTestId('lane-llmFirstTokenMs')).toContainText('520 ms');
  await expect(waterfall.getByTestId('lane-ttsFirstAudioMs')).toContainText('640 ms');
  await expect(waterfall.getByTestId('lane-firstFrameSentMs')).toContainText('655 ms');
  await expect(page.getByText('transfer({"target":"Sales"})')).toBeVisible();
  await keepScreenshot(page, 'agents-conversation-waterfall');

  await page.goto(`/ai-agents/${agent.id}/metrics`);
  await expect(page.getByText('Transfer rate')).toBeVisible();
  await expect(page.getByText('100 %')).toBeVisible();
  await keepScreenshot(page, 'agents-metrics');
});

test('The AI Providers page saves a key without ever showing it again', async ({ adminPage: page }) => {
  await page.goto('/ai-agents/providers');
  const groq = page.getByTestId('provider-groq');
  await groq.getByLabel('Groq API key').fill('gsk_e2e_secret_value');
  await groq.getByRole('button', { name: 'Save' }).click();
  await expect(groq.getByText('key set')).toBeVisible();
  await expect(groq.getByLabel('Groq API key')).toHaveValue('');
  await expect(page.locator('body')).not.toContainText('gsk_e2e_secret_value');
  await groq.getByLabel('Groq base URL').fill('not a url');
  await groq.getByRole('button', { name: 'Save' }).click();
  await expect(groq.getByText(/must be an absolute/)).toBeVisible();
  await keepScreenshot(page, 'agents-providers');
});
