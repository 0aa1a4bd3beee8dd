export interface Bar {
  label: string;
  /** 0..1 of the bar's full length. */
  share: number;
  /** What is written after the bar (the figure itself: charts are read, not only seen). */
  text: string;
}

const WIDTH = 480;
const LABEL = 140;
const ROW = 34;

/**
 * Horizontal bars as SVG with their figures written beside them: drawn the same on a screen, a phone
 * and paper. The figure's label names it for screen readers; each bar's title gives its words on hover.
 */
export function BarChart({ caption, bars, empty }: { caption: string; bars: Bar[]; empty: string }) {
  const height = Math.max(1, bars.length) * ROW + 8;
  const room = WIDTH - LABEL - 130;
  return (
    <figure className="report-chart">
      <figcaption>{caption}</figcaption>
      {bars.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <svg viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={caption}>
          {bars.map((bar, i) => {
            const y = 4 + i * ROW;
            const length = Math.max(2, Math.min(1, Math.max(0, bar.share)) * room);
            return (
              <g key={`${bar.label}-${i}`}>
                <title>{`${bar.label}: ${bar.text}`}</title>
                <text x={LABEL - 8} y={y + ROW / 2 + 5} textAnchor="end" className="chart-label">
                  {bar.label.length > 9 ? `${bar.label.slice(0, 8)}…` : bar.label}
                </text>
                <rect x={LABEL} y={y + 6} width={room} height={ROW - 12} className="chart-track" rx={3} />
                <rect x={LABEL} y={y + 6} width={length} height={ROW - 12} className="chart-fill" rx={3} />
                <text x={LABEL + room + 8} y={y + ROW / 2 + 5} className="chart-figure">
                  {bar.text}
                </text>
              </g>
            );
          })}
        </svg>
      )}
    </figure>
  );
}

/** Parts of one whole as one stacked bar (satisfied, basically, not), with a key that names each. */
export function StackedBar({
  caption,
  parts,
  empty,
}: {
  caption: string;
  parts: { label: string; count: number; className: string }[];
  empty: string;
}) {
  const total = parts.reduce((sum, p) => sum + p.count, 0);
  let x = 0;
  return (
    <figure className="report-chart">
      <figcaption>{caption}</figcaption>
      {total === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <>
          <svg
            viewBox={`0 0 ${WIDTH} 40`}
            role="img"
            aria-label={`${caption}: ${parts.map((p) => `${p.label} ${p.count}`).join('，')}`}
          >
            {parts.map((p) => {
              const width = (p.count / total) * WIDTH;
              const rect = (
                <rect key={p.label} x={x} y={4} width={width} height={32} className={p.className} />
              );
              x += width;
              return rect;
            })}
          </svg>
          <ul className="legend">
            {parts.map((p) => (
              <li key={p.label}>
                <span className={`swatch ${p.className}`} aria-hidden="true" />
                {p.label} {p.count}
              </li>
            ))}
          </ul>
        </>
      )}
    </figure>
  );
}
