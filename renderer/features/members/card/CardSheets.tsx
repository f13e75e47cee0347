import { useLayoutEffect, useRef, type CSSProperties } from 'react';
import { useTheme } from '@mui/material';
import { SHEETS } from '../../../../shared/print-pdf';
import { drawBarcode } from './barcode';

// What goes on paper, measured in millimetres so the screen preview and the print are one layout.

/** An A4 sheet of 3 × 8 labels of 70 × 37 mm (the common 24-up sticker sheet: 0.5 mm spare top and bottom). */
export const LABEL_GRID = { columns: 3, rows: 8 } as const;
export const LABELS_PER_SHEET = LABEL_GRID.columns * LABEL_GRID.rows;
export const LABEL_MM = { width: 70, height: 37 };
const SHEET_TOP_MM = (SHEETS.labels.heightMm - LABEL_GRID.rows * LABEL_MM.height) / 2;

/** Which labels of a sheet print when the first `first - 1` are already used (1-based). */
export function labelsFrom(first: number): boolean[] {
  return Array.from({ length: LABELS_PER_SHEET }, (_, i) => i >= first - 1);
}

export interface CardHolder {
  storeName: string;
  memberName: string;
  cardNo: string;
}

const FONT = '"Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif';
const MONO = '"DejaVu Sans Mono", Consolas, Menlo, monospace';
const oneLine: CSSProperties = { whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' };

/** The card number's Code 128 bars, as wide as their box and `heightMm` high. */
export function Barcode({ cardNo, heightMm }: { cardNo: string; heightMm: number }) {
  const ref = useRef<SVGSVGElement>(null);
  useLayoutEffect(() => {
    if (ref.current) drawBarcode(ref.current, cardNo);
  }, [cardNo]);
  return (
    <svg
      ref={ref}
      role="img"
      aria-label={cardNo}
      data-testid="card-barcode"
      style={{ display: 'block', width: '100%', height: `${heightMm}mm` }}
    />
  );
}

/** The member card at CR80 size: the store on a coloured band, the member's name, the barcode and the number. */
export function MemberCardFace({ holder, title }: { holder: CardHolder; title: string }) {
  const theme = useTheme();
  const { widthMm, heightMm } = SHEETS.card;
  return (
    <div
      data-testid="member-card-face"
      style={{
        width: `${widthMm}mm`,
        height: `${heightMm}mm`,
        position: 'relative',
        overflow: 'hidden',
        boxSizing: 'border-box',
        background: '#fff',
        color: '#111',
        fontFamily: FONT,
      }}
    >
      <div
        style={{
          height: '12mm',
          padding: '0 5mm',
          display: 'flex',
          alignItems: 'center',
          justifyContent: 'space-between',
          gap: '3mm',
          background: theme.palette.primary.main,
          color: '#fff',
          printColorAdjust: 'exact',
          WebkitPrintColorAdjust: 'exact',
        }}
      >
        <span style={{ ...oneLine, fontSize: '11pt', fontWeight: 700 }}>{holder.storeName}</span>
        <span style={{ fontSize: '8pt', letterSpacing: '0.1em', flexShrink: 0 }}>{title}</span>
      </div>
      <div style={{ ...oneLine, padding: '3mm 5mm 0', fontSize: '15pt', fontWeight: 700 }}>{holder.memberName}</div>
      <div style={{ position: 'absolute', left: '5mm', right: '5mm', bottom: '3mm' }}>
        <Barcode cardNo={holder.cardNo} heightMm={12} />
        <div style={{ marginTop: '0.8mm', textAlign: 'center', fontFamily: MONO, fontSize: '9pt', letterSpacing: '0.15em' }}>
          {holder.cardNo}
        </div>
      </div>
    </div>
  );
}

/** One label: store and member on a line, the barcode, the number. */
export function CardLabel({ holder }: { holder: CardHolder }) {
  return (
    <div
      data-testid="card-label"
      style={{
        boxSizing: 'border-box',
        width: '100%',
        height: '100%',
        padding: '3mm 6mm',
        display: 'flex',
        flexDirection: 'column',
        justifyContent: 'center',
        fontFamily: FONT,
        color: '#111',
      }}
    >
      <div
        style={{ ...oneLine, fontSize: '7pt', marginBottom: '1mm', textAlign: 'center' }}
      >{`${holder.storeName} · ${holder.memberName}`}</div>
      <Barcode cardNo={holder.cardNo} heightMm={14} />
      <div style={{ marginTop: '0.8mm', textAlign: 'center', fontFamily: MONO, fontSize: '9pt', letterSpacing: '0.12em' }}>
        {holder.cardNo}
      </div>
    </div>
  );
}

/** The A4 label sheet; labels before `first` are left blank (already used on a partly used sheet). */
export function LabelSheet({ holder, first }: { holder: CardHolder; first: number }) {
  const { widthMm, heightMm } = SHEETS.labels;
  // Not the whole 297 mm: a box as tall as the page spills a blank second page in Chromium.
  return (
    <div
      data-testid="label-sheet"
      style={{
        width: `${widthMm}mm`,
        height: `${heightMm - SHEET_TOP_MM}mm`,
        boxSizing: 'border-box',
        paddingTop: `${SHEET_TOP_MM}mm`,
        overflow: 'hidden',
        background: '#fff',
        display: 'grid',
        alignContent: 'start',
        gridTemplateColumns: `repeat(${LABEL_GRID.columns}, ${LABEL_MM.width}mm)`,
        gridTemplateRows: `repeat(${LABEL_GRID.rows}, ${LABEL_MM.height}mm)`,
      }}
    >
      {labelsFrom(first).map((printed, i) => (
        <div key={i} style={{ overflow: 'hidden' }}>
          {printed && <CardLabel holder={holder} />}
        </div>
      ))}
    </div>
  );
}
