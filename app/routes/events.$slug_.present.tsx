import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useNavigate } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { parsePresentationParams, showcase } from "~/models/showcase/showcase.server";
import { getUser } from "~/services/auth.server";
import presentStyles from "~/styles/present.css?url";

// Presentation mode: one team per screen for a projector, without the site's chrome. The
// slide is in the address (?team=2), so Previous / Next links work without JavaScript; with it,
// the arrow keys, Page Up / Page Down, Home and End move, focus goes to the new slide's
// heading and a live region says which team of how many is showing.

export const handle = { bare: true };

export const links: LinksFunction = () => [{ rel: "stylesheet", href: presentStyles }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const url = new URL(request.url);
  const first = parsePresentationParams(url, Number.MAX_SAFE_INTEGER);
  const page = await showcase(user, params.slug ?? "", first.order);
  const { team } = parsePresentationParams(url, page.teams.length);
  const slide = page.teams[team - 1] ?? null;
  return { event: { slug: page.event.slug, title: page.event.title }, order: page.order, hasPresentationOrder: page.hasPresentationOrder, count: page.teams.length, number: team, slide };
}

export default function PresentRoute() {
  const { event, order, hasPresentationOrder, count, number, slide } = useLoaderData<typeof loader>();
  const navigate = useNavigate();
  const heading = useRef<HTMLHeadingElement>(null);
  const href = (n: number) => `?${new URLSearchParams({ ...(order === "challenge" ? { order } : {}), team: String(n) })}`;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
      const target = e.target as HTMLElement | null;
      if (target && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName))) return;
      const to =
        e.key === "ArrowRight" || e.key === "PageDown"
          ? number + 1
          : e.key === "ArrowLeft" || e.key === "PageUp"
            ? number - 1
            : e.key === "Home"
              ? 1
              : e.key === "End"
                ? count
                : null;
      if (to === null) return;
      e.preventDefault();
      if (to >= 1 && to <= count && to !== number) navigate(href(to), { preventScrollReset: true });
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  });

  // Focus follows the slide after a move (not on first load, where the page starts at the top).
  const shown = useRef(number);
  useEffect(() => {
    if (shown.current !== number) heading.current?.focus();
    shown.current = number;
  }, [number]);

  const orderWords = order === "challenge" ? "by challenge" : hasPresentationOrder ? "in presentation (judging) order" : "by challenge (no presentation order set)";
  return (
    <div className="nettle-present">
      <div className="nettle-present__bar">
        <p className="nettle-present__hint">
          {event.title} · teams {orderWords}
        </p>
        <p className="nettle-present__hint">
          <Link to={order === "challenge" ? "?team=1" : "?order=challenge&team=1"}>{order === "challenge" ? "Show in presentation order" : "Show by challenge"}</Link>
          {" · "}
          <Link to={`/events/${event.slug}/showcase`}>Exit presentation</Link>
        </p>
      </div>
      <section className="nettle-present__slide" aria-labelledby="slide-title">
        <p className="nettle-present__position" aria-live="polite" aria-atomic="true" data-testid="slide-position">
          {count ? `Team ${number} of ${count}` : ""}
        </p>
        {slide ? (
          <>
            <h1 className="nettle-present__name" id="slide-title" tabIndex={-1} ref={heading}>
              {slide.name}
            </h1>
            <p className="nettle-present__challenge">{slide.challenge.title}</p>
            {slide.awards.length ? (
              <ul className="nettle-present__awards" aria-label="Awards">
                {slide.awards.map((a) => (
                  <li key={a.name} className="nettle-present__award">
                    {a.name}
                  </li>
                ))}
              </ul>
            ) : null}
            {slide.summary ? <p className="nettle-present__summary">{slide.summary}</p> : null}
            {slide.demoUrl ? (
              <p className="nettle-present__demo">
                Demo: <a href={slide.demoUrl}>{slide.demoUrl.replace(/^https?:\/\//, "").replace(/\/$/, "")}</a>
              </p>
            ) : null}
          </>
        ) : (
          <h1 className="nettle-present__name" id="slide-title" tabIndex={-1} ref={heading}>
            No teams yet
          </h1>
        )}
      </section>
      <nav className="nettle-present__nav" aria-label="Slides">
        {number > 1 ? <Link to={href(number - 1)}>Previous team</Link> : null}
        {number < count ? <Link to={href(number + 1)}>Next team</Link> : null}
        <p className="nettle-present__hint">Arrow keys, Page Up and Page Down move between teams.</p>
      </nav>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.slide ? `${data.slide.name} – ` : ""}Presenting ${data.event.title} – Nettle` : "Presentation not found – Nettle" },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
