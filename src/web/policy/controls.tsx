import type { ReactNode } from 'react';
import type { EditorControl, EditorField } from '../../shared/policy-contract.js';

type Path = (string | number)[];

/** A sensible first value when a person switches a value on or to another kind. */
export function initialValue(control: EditorControl): unknown {
  switch (control.type) {
    case 'boolean':
      return false;
    case 'choice':
      return control.options[0]?.value ?? '';
    case 'set':
      return [];
    case 'time':
      return '09:00';
    case 'text':
      return '';
    case 'number':
      return control.min ?? 1;
    case 'group':
      return Object.fromEntries(control.fields.map((f) => [f.key, initialValue(f.control)]));
    case 'optional':
      return initialValue(control.control);
    case 'variant': {
      const first = control.options[0];
      return first ? { kind: first.value, ...Object.fromEntries(first.fields.map((f) => [f.key, initialValue(f.control)])) } : {};
    }
  }
}

interface ControlProps {
  control: EditorControl;
  value: unknown;
  onChange: (value: unknown) => void;
  /** Element id; nested parts add their key. */
  id: string;
  label: string;
  /** Ids of the hint and error that describe this value. */
  describedBy?: string;
  invalid?: boolean;
}

function Group({ id, label, describedBy, invalid, children }: { id: string; label: string; describedBy?: string; invalid?: boolean; children: ReactNode }) {
  return (
    <fieldset id={id} aria-describedby={describedBy} aria-invalid={invalid || undefined}>
      <legend>{label}</legend>
      {children}
    </fieldset>
  );
}

/**
 * R-POL-1: one value of the policy as a form control, drawn from the server's description of it
 * (policy/editor.ts): radios, a list to choose from, checkboxes, times, numbers, or a group of them.
 */
export function Control({ control, value, onChange, id, label, describedBy, invalid }: ControlProps) {
  const a11y = { 'aria-describedby': describedBy, 'aria-invalid': invalid || undefined };
  switch (control.type) {
    case 'boolean':
      return (
        <Group id={id} label={label} describedBy={describedBy} invalid={invalid}>
          <div className="checkboxes">
            {[true, false].map((b) => (
              <label key={String(b)} className="checkbox">
                <input type="radio" name={id} checked={value === b} onChange={() => onChange(b)} /> {b ? 'Yes' : 'No'}
              </label>
            ))}
          </div>
        </Group>
      );
    case 'choice':
      return (
        <div className="field">
          <label htmlFor={id}>{label}</label>
          <select id={id} value={String(value)} onChange={(e) => onChange(control.options.find((o) => String(o.value) === e.target.value)?.value)} {...a11y}>
            {control.options.map((o) => (
              <option key={String(o.value)} value={String(o.value)}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
      );
    case 'set': {
      const chosen = Array.isArray(value) ? (value as unknown[]) : [];
      return (
        <Group id={id} label={label} describedBy={describedBy} invalid={invalid}>
          <div className="checkboxes">
            {control.options.map((o) => (
              <label key={String(o.value)} className="checkbox">
                <input
                  type="checkbox"
                  checked={chosen.includes(o.value)}
                  onChange={() => onChange(chosen.includes(o.value) ? chosen.filter((v) => v !== o.value) : control.options.map((x) => x.value).filter((v) => v === o.value || chosen.includes(v)))}
                />{' '}
                {o.label}
              </label>
            ))}
          </div>
        </Group>
      );
    }
    case 'time':
    case 'text':
      return (
        <div className="field">
          <label htmlFor={id}>{label}</label>
          <input id={id} type={control.type === 'time' ? 'time' : 'text'} value={String(value ?? '')} onChange={(e) => onChange(e.target.value)} {...a11y} />
        </div>
      );
    case 'number':
      return (
        <div className="field">
          <label htmlFor={id}>{label}</label>
          <input
            id={id}
            type="number"
            inputMode="numeric"
            min={control.min ?? undefined}
            max={control.max ?? undefined}
            value={typeof value === 'number' ? value : ''}
            onChange={(e) => onChange(e.target.value === '' ? null : Number(e.target.value))}
            {...a11y}
          />
        </div>
      );
    case 'group':
      return (
        <Group id={id} label={label} describedBy={describedBy} invalid={invalid}>
          <Fields fields={control.fields} value={value} onChange={onChange} id={id} />
        </Group>
      );
    case 'optional': {
      const on = value !== null && value !== undefined;
      return (
        <Group id={id} label={label} describedBy={describedBy} invalid={invalid}>
          <div className="checkboxes">
            <label className="checkbox">
              <input type="radio" name={id} checked={!on} onChange={() => onChange(null)} /> {control.noneLabel}
            </label>
            <label className="checkbox">
              <input type="radio" name={id} checked={on} onChange={() => onChange(initialValue(control.control))} /> {control.someLabel}
            </label>
          </div>
          {on ? <Control control={control.control} value={value} onChange={onChange} id={`${id}-some`} label={control.control.type === 'time' ? 'Time' : control.someLabel} /> : null}
        </Group>
      );
    }
    case 'variant': {
      const record = (value ?? {}) as Record<string, unknown>;
      const option = control.options.find((o) => o.value === record.kind);
      return (
        <Group id={id} label={label} describedBy={describedBy} invalid={invalid}>
          <div className="checkboxes">
            {control.options.map((o) => (
              <label key={o.value} className="checkbox">
                <input
                  type="radio"
                  name={id}
                  checked={o.value === record.kind}
                  onChange={() => onChange({ kind: o.value, ...Object.fromEntries(o.fields.map((f) => [f.key, initialValue(f.control)])) })}
                />{' '}
                {o.label}
              </label>
            ))}
          </div>
          {option && option.fields.length ? <Fields fields={option.fields} value={value} onChange={onChange} id={id} /> : null}
        </Group>
      );
    }
  }
}

function Fields({ fields, value, onChange, id }: { fields: EditorField[]; value: unknown; onChange: (value: unknown) => void; id: string }) {
  const record = (value ?? {}) as Record<string, unknown>;
  return (
    <div className="filters">
      {fields.map((f) => (
        <Control key={f.key} control={f.control} value={record[f.key]} onChange={(v) => onChange({ ...record, [f.key]: v })} id={`${id}-${f.key}`} label={f.label} />
      ))}
    </div>
  );
}

export type { Path };
