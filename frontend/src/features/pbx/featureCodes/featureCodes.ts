// The star codes phones dial, grouped and explained for the people who will be told to use them.

export interface FeatureCodes {
  voicemailOwn: string;
  voicemailAny: string;
  dndToggle: string;
  forwardAlwaysSet: string;
  forwardAlwaysClear: string;
  forwardBusySet: string;
  forwardBusyClear: string;
  forwardNoAnswerSet: string;
  forwardNoAnswerClear: string;
  queueLogin: string;
  queueLogout: string;
  recordToggle: string;
}

export const featureCodeGroups: readonly {
  title: string;
  codes: readonly { key: keyof FeatureCodes; label: string; usage: string }[];
}[] = [
  {
    title: 'Voicemail',
    codes: [
      { key: 'voicemailOwn', label: 'My voicemail', usage: 'Listen to the messages of the phone you dial from.' },
      { key: 'voicemailAny', label: 'Any voicemail box', usage: 'Asks for the box number and its PIN.' },
    ],
  },
  {
    title: 'Do not disturb',
    codes: [{ key: 'dndToggle', label: 'Do not disturb on/off', usage: 'Dial once to turn on, again to turn off.' }],
  },
  {
    title: 'Forwarding',
    codes: [
      { key: 'forwardAlwaysSet', label: 'Forward all calls', usage: 'Followed by the number, e.g. *72 5551234.' },
      { key: 'forwardAlwaysClear', label: 'Stop forwarding all calls', usage: '' },
      { key: 'forwardBusySet', label: 'Forward when busy', usage: 'Followed by the number.' },
      { key: 'forwardBusyClear', label: 'Stop forwarding when busy', usage: '' },
      { key: 'forwardNoAnswerSet', label: 'Forward when not answered', usage: 'Followed by the number.' },
      { key: 'forwardNoAnswerClear', label: 'Stop forwarding when not answered', usage: '' },
    ],
  },
  {
    title: 'Queues',
    codes: [
      { key: 'queueLogin', label: 'Log in to a queue', usage: 'Followed by the queue number, e.g. *45 600.' },
      { key: 'queueLogout', label: 'Log out of a queue', usage: 'Followed by the queue number.' },
    ],
  },
  {
    title: 'During a call',
    codes: [
      {
        key: 'recordToggle',
        label: 'Start recording',
        usage: 'Pressed during a call, for extensions whose recording is “on demand”.',
      },
    ],
  },
];
