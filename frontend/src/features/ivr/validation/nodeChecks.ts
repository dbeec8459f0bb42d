// Per-node checks a schema cannot express, the same as the server's NodeSpec checks (MenuNode.cs, BranchNode.cs,
// TimeConditionNode.cs). Each answers (field inside data, message).
import type { FlowNode } from '../flow/types';

type Finding = [field: string, message: string];

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const minutes = (time: string) => {
  const [h, m] = time.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

function isDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

export function nodeChecks(node: FlowNode): Finding[] {
  const findings: Finding[] = [];
  switch (node.type) {
    case 'menu': {
      const seen = new Set<string>();
      (node.data.options ?? []).forEach((option, i) => {
        if (seen.has(option.digit)) findings.push([`options[${i}].digit`, `digit ${option.digit} is used twice`]);
        seen.add(option.digit);
      });
      break;
    }
    case 'branch': {
      const ids = new Set<string>();
      (node.data.rules ?? []).forEach((rule, i) => {
        if (ids.has(rule.id)) findings.push([`rules[${i}].id`, `rule id ${rule.id} is used twice`]);
        ids.add(rule.id);
        const templated = (rule.value ?? '').includes('${');
        if (rule.operator === 'regex' && !templated) {
          try {
            new RegExp(rule.value);
          } catch {
            findings.push([`rules[${i}].value`, 'is not a valid regular expression']);
          }
        }
        if (
          ['lt', 'lte', 'gt', 'gte'].includes(rule.operator) &&
          !templated &&
          !/^\s*[-+]?(\d+\.?\d*|\.\d+)\s*$/.test(rule.value)
        ) {
          findings.push([`rules[${i}].value`, 'must be a number for a numeric comparison']);
        }
      });
      break;
    }
    case 'timeCondition': {
      if (node.data.timeZone && !isTimeZone(node.data.timeZone)) {
        findings.push(['timeZone', `'${node.data.timeZone}' is not a known IANA time zone`]);
      }
      (node.data.ranges ?? []).forEach((range, i) => {
        if (range.start && range.end && minutes(range.start) >= minutes(range.end))
          findings.push([`ranges[${i}].end`, 'must be after the start']);
      });
      (node.data.holidays ?? []).forEach((day, i) => {
        if (/^\d{4}-\d{2}-\d{2}$/.test(day) && !isDate(day)) findings.push([`holidays[${i}]`, 'is not a valid date']);
      });
      break;
    }
    default:
      break;
  }
  return findings;
}
