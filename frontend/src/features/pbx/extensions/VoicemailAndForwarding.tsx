import type { Dispatch, SetStateAction } from 'react';
import type { FieldErrors } from '../../../api/errors';
import { CheckboxField, TextField } from '../../../components/form/Field';
import { clearErrorsUnder, errorsFor } from '../shared/fieldErrors';
import { FieldRow, FormSection } from '../shared/FormSection';
import { NumberField } from '../shared/NumberField';
import type { CallForwarding, ExtensionInput, VoicemailSettings } from './api';
import { FollowMeEditor } from './FollowMeEditor';

/** The "what happens to calls I miss" part of the extension form: voicemail box, forwarding and follow-me. */
export function VoicemailAndForwarding({
  form,
  setForm,
  errors,
  setErrors,
  pinIsSet = false,
}: {
  form: ExtensionInput;
  setForm: Dispatch<SetStateAction<ExtensionInput>>;
  errors: FieldErrors;
  setErrors: Dispatch<SetStateAction<FieldErrors>>;
  /** Editing a box that has a PIN: the API never shows it, and an empty field keeps it. */
  pinIsSet?: boolean;
}) {
  const setVoicemail =
    <K extends keyof VoicemailSettings>(key: K) =>
    (value: VoicemailSettings[K]) => {
      setForm((f) => ({ ...f, voicemail: { ...f.voicemail, [key]: value } }));
      setErrors((e) => clearErrorsUnder(e, `voicemail.${key}`));
    };
  const setForwarding = (key: keyof CallForwarding) => (value: string) => {
    setForm((f) => ({ ...f, forwarding: { ...f.forwarding, [key]: value } }));
    setErrors((e) => clearErrorsUnder(e, `forwarding.${key}`));
  };
  const vm = form.voicemail;

  return (
    <>
      <FormSection title="Voicemail">
        <CheckboxField
          label="Voicemail box"
          description="Callers can leave a message."
          checked={vm.enabled}
          onChange={setVoicemail('enabled')}
        />
        {vm.enabled && (
          <>
            <FieldRow>
              <TextField
                label="Voicemail PIN"
                inputMode="numeric"
                value={vm.pin}
                placeholder={pinIsSet ? 'Unchanged' : undefined}
                onChange={setVoicemail('pin')}
                hint={
                  pinIsSet
                    ? 'Leave empty to keep the current PIN, or type 4 to 10 new digits.'
                    : '4 to 10 digits to listen to messages.'
                }
                errors={errorsFor(errors, 'voicemail.pin')}
              />
              <NumberField
                label="Most messages kept"
                value={vm.maxMessages}
                onChange={setVoicemail('maxMessages')}
                errors={errorsFor(errors, 'voicemail.maxMessages')}
              />
              <NumberField
                label="Longest message (seconds)"
                value={vm.maxMessageSeconds}
                onChange={setVoicemail('maxMessageSeconds')}
                errors={errorsFor(errors, 'voicemail.maxMessageSeconds')}
              />
            </FieldRow>
            <CheckboxField
              label="Email each new message"
              description="Sends the recording to the email address above."
              checked={vm.emailNotification}
              onChange={setVoicemail('emailNotification')}
            />
            {vm.emailNotification && (
              <CheckboxField
                label="Delete after emailing"
                checked={vm.deleteAfterEmail}
                onChange={setVoicemail('deleteAfterEmail')}
              />
            )}
          </>
        )}
      </FormSection>

      <FormSection
        title="Forwarding"
        description="Numbers can be internal extensions or outside numbers. Leave empty for off."
      >
        <TextField
          label="Forward every call to"
          inputMode="tel"
          value={form.forwarding.always}
          onChange={setForwarding('always')}
          errors={errorsFor(errors, 'forwarding.always')}
        />
        <FieldRow>
          <TextField
            label="When busy, forward to"
            inputMode="tel"
            value={form.forwarding.busy}
            onChange={setForwarding('busy')}
            errors={errorsFor(errors, 'forwarding.busy')}
          />
          <TextField
            label="When not answered, forward to"
            inputMode="tel"
            value={form.forwarding.noAnswer}
            onChange={setForwarding('noAnswer')}
            errors={errorsFor(errors, 'forwarding.noAnswer')}
          />
        </FieldRow>
      </FormSection>

      <FormSection
        title="Follow me"
        description="If nobody answers, these numbers are tried one after another, in this order."
      >
        <FollowMeEditor
          steps={form.followMe}
          errors={errors}
          onChange={(followMe, nextErrors) => {
            setForm((f) => ({ ...f, followMe }));
            setErrors(nextErrors);
          }}
        />
      </FormSection>
    </>
  );
}
