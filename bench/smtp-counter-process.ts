// Runs the counting SMTP sink in its own process, as a real mail server would be; reports over IPC.
import { startSmtpCounter } from './smtp-counter';

void startSmtpCounter().then((sink) => {
  process.send!({ type: 'ready', url: sink.url });
  process.on('message', (message: { type: string; ids?: string[] }) => {
    if (message.type === 'count') process.send!({ type: 'count', accepted: sink.accepted() });
    if (message.type === 'times')
      process.send!({ type: 'times', times: (message.ids ?? []).map((id) => sink.acceptedAt.get(id) ?? null) });
    if (message.type === 'stop') void sink.stop().then(() => process.exit(0));
  });
});
