import type { Severity } from '../../core/findings/severity';

/**
 * A finding's severity as a color on the table's left edge and on badges. Kept apart from the
 * chart palette's meanings: a grey-to-red ramp with enough contrast on both themes.
 */
export const SEVERITY_COLORS: Record<Severity, string> = {
  info: '#8b949e',
  low: '#4f8ff7',
  medium: '#e3b341',
  high: '#f0883e',
  critical: '#f85149',
};

export const SEVERITY_LABELS: Record<Severity, string> = {
  info: 'Info',
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  critical: 'Critical',
};
