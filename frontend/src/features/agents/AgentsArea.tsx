import { Route, Routes } from 'react-router-dom';
import AgentFormPage from './AgentFormPage';
import AgentsListPage from './AgentsListPage';
import ConversationPage from './ConversationPage';
import ConversationsPage from './ConversationsPage';
import MetricsPage from './MetricsPage';
import ProvidersPage from './ProvidersPage';
import TryItPage from './TryItPage';

/** /ai-agents and everything below it. */
export default function AgentsArea() {
  return (
    <Routes>
      <Route index element={<AgentsListPage />} />
      <Route path="new" element={<AgentFormPage />} />
      <Route path="providers" element={<ProvidersPage />} />
      <Route path="conversations" element={<ConversationsPage />} />
      <Route path="conversations/:id" element={<ConversationPage />} />
      <Route path=":id" element={<AgentFormPage />} />
      <Route path=":id/try" element={<TryItPage />} />
      <Route path=":id/metrics" element={<MetricsPage />} />
    </Routes>
  );
}
