/** The wall's measures in one mode: type and tiles for a desk, or for a display read from three metres. */
export interface WallSize {
  columns: number;
  rows: number;
  tileHeight: number;
  tilePadding: number;
  gap: number;
  name: number;
  value: number;
  label: number;
  small: number;
  lamp: number;
  /** Warnings shown at once; charts' height and font. */
  warnings: number;
  warningFont: number;
  chartHeight: number;
  chartFont: number;
  heading: number;
}

export const DESK: WallSize = {
  columns: 4,
  rows: 2,
  tileHeight: 196,
  tilePadding: 12,
  gap: 12,
  name: 16,
  value: 24,
  label: 13,
  small: 13,
  lamp: 16,
  warnings: 4,
  warningFont: 14,
  chartHeight: 230,
  chartFont: 12,
  heading: 16,
};

/** 1920×1080: about 32 px type for the figures, nothing under 18 px. */
export const SCREEN: WallSize = {
  columns: 4,
  rows: 2,
  tileHeight: 292,
  tilePadding: 16,
  gap: 16,
  name: 24,
  value: 36,
  label: 18,
  small: 18,
  lamp: 26,
  warnings: 5,
  warningFont: 18,
  chartHeight: 284,
  chartFont: 16,
  heading: 24,
};
