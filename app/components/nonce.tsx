import { createContext, useContext } from "react";

// The CSP nonce for this response, so Remix's inline scripts can run under a strict policy.
export const NonceContext = createContext<string>("");
export const NonceProvider = NonceContext.Provider;
export const useNonce = () => useContext(NonceContext);
