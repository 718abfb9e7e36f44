/** What buttons and menu commands can ask of the window; App owns the hidden inputs behind them. */
export interface Actions {
  openFiles(): void;
  openFolder(): void;
  openCase(): void;
  saveCase(): void;
  openSample(): void;
}
