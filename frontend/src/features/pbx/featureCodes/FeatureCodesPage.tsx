import { useEffect } from 'react';
import { errorMessage } from '../../../api/errors';
import { Alert } from '../../../components/Alert';
import { Button } from '../../../components/Button';
import { Card } from '../../../components/Card';
import { FormStack, TextField } from '../../../components/form/Field';
import { PageHeader } from '../../../components/PageHeader';
import { useToast } from '../../../components/Toasts';
import { PendingChangesBanner } from '../asterisk/PendingChangesBanner';
import { bannerFor, clearErrorsUnder, errorsFor } from '../shared/fieldErrors';
import { FieldRow, FormSection } from '../shared/FormSection';
import { settingApi } from '../shared/settingApi';
import { useEntityForm } from '../shared/useEntityForm';
import { featureCodeGroups, type FeatureCodes } from './featureCodes';

const featureCodes = settingApi<FeatureCodes>('/api/feature-codes', 'feature-codes');
const shown = featureCodeGroups.flatMap((g) => g.codes.map((c) => c.key));

export default function FeatureCodesPage() {
  const current = featureCodes.useGet();
  const save = featureCodes.usePut();
  const toast = useToast();
  const { form, setForm, errors, setErrors, failure, run } = useEntityForm<FeatureCodes | null>(
    current.data,
    () => current.data ?? null,
  );

  useEffect(() => {
    if (current.data && !form) setForm(current.data);
  }, [current.data, form, setForm]);

  const setCode = (key: keyof FeatureCodes) => (value: string) => {
    setForm((f) => (f ? { ...f, [key]: value } : f));
    setErrors((e) => clearErrorsUnder(e, key));
  };

  const submit = () =>
    run(async () => {
      if (!form) return;
      const trimmed = Object.fromEntries(
        Object.entries(form).map(([k, v]) => [k, String(v).trim()]),
      ) as unknown as FeatureCodes;
      await save.mutateAsync(trimmed);
      toast.success('Feature codes were saved. Apply the changes so phones use them.');
    });

  const banner = bannerFor(failure, shown);

  return (
    <>
      <PageHeader
        title="Feature Codes"
        description="The star codes people dial on their phones for voicemail, forwarding and more."
      />
      <PendingChangesBanner />
      {current.error ? <Alert tone="error">{errorMessage(current.error)}</Alert> : null}
      {form && (
        <Card description="Each code is * followed by 1 to 4 digits. All must be different, and none may be the start of another.">
          <form
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              void submit();
            }}
          >
            <FormStack>
              {banner && <Alert tone="error">{banner}</Alert>}
              {featureCodeGroups.map((group) => (
                <FormSection key={group.title} title={group.title}>
                  <FieldRow>
                    {group.codes.map((code) => (
                      <TextField
                        key={code.key}
                        label={code.label}
                        value={form[code.key]}
                        onChange={setCode(code.key)}
                        hint={code.usage || undefined}
                        errors={errorsFor(errors, code.key)}
                      />
                    ))}
                  </FieldRow>
                </FormSection>
              ))}
              <div>
                <Button type="submit" variant="primary" busy={save.isPending}>
                  Save feature codes
                </Button>
              </div>
            </FormStack>
          </form>
        </Card>
      )}
    </>
  );
}
