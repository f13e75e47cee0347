import JsBarcode from 'jsbarcode';

// The card number as a Code 128 barcode (what a counter's scanner reads into the search box).
// JsBarcode encodes it, choosing code sets B and C so digit runs take half the width.

/** One unit per module, so the SVG's viewBox counts modules; the quiet zone is ten on each side. */
export const QUIET_ZONE_MODULES = 10;
const OPTIONS = {
  format: 'CODE128',
  width: 1,
  height: 40,
  margin: QUIET_ZONE_MODULES,
  marginTop: 0,
  marginBottom: 0,
  displayValue: false, // the number is printed under the bars in the card's own font
  background: '', // no white rectangle of its own: the card's background shows
} as const;

/** The symbol as modules, '1' a bar and '0' a space, from start to stop (no quiet zones). */
export function barcodeModules(cardNo: string): string {
  const target: { encodings?: Array<{ data: string }> } = {};
  JsBarcode(target, cardNo, OPTIONS);
  return (target.encodings ?? []).map((e) => e.data).join('');
}

/**
 * Draws the barcode into an SVG element that its box sizes: the bars stretch to the box (a 1-D
 * code reads the same at any height, and printed as vectors its modules stay sharp at any width).
 */
export function drawBarcode(svg: SVGSVGElement, cardNo: string): void {
  JsBarcode(svg, cardNo, OPTIONS);
  svg.removeAttribute('width');
  svg.removeAttribute('height');
  svg.setAttribute('preserveAspectRatio', 'none');
}
