// Settings that name something the admin picks from a list: another IVR (goToIvr) and a time zone. Both keep the
// saved value selectable even when it is not in the list, so opening a node never silently changes it.
import { SelectField } from '../../../components/form/Field';
import { timeZoneOptions } from '../../settings/timeZones';
import { useIvrChoices } from '../api';

export function IvrPicker(props: {
  label: string;
  value: string;
  errors: readonly string[];
  onChange: (value: string) => void;
}) {
  const ivrs = useIvrChoices();
  const items = ivrs.data?.items ?? [];
  const options = [
    { value: '', label: ivrs.isLoading ? 'Loading…' : 'Choose an IVR' },
    ...items.map((ivr) => ({
      value: String(ivr.id),
      label: `${ivr.name}${ivr.publishedVersion ? '' : ' (not published)'}`,
    })),
  ];
  if (props.value && !items.some((ivr) => String(ivr.id) === props.value))
    options.push({ value: props.value, label: `IVR ${props.value}` });
  return (
    <SelectField
      label={props.label}
      required
      options={options}
      value={props.value}
      errors={props.errors}
      hint="The call goes on in that IVR’s published version."
      onChange={props.onChange}
    />
  );
}

export function TimeZonePicker(props: {
  label: string;
  value: string;
  errors: readonly string[];
  onChange: (value: string) => void;
}) {
  return (
    <SelectField
      label={props.label}
      required
      options={timeZoneOptions(props.value).map((zone) => ({ value: zone, label: zone.replace(/_/g, ' ') }))}
      value={props.value}
      errors={props.errors}
      onChange={props.onChange}
    />
  );
}
