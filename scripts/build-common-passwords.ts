// Rebuilds prisma/data/common-passwords.txt from @zxcvbn-ts/language-common (a dev dependency).
// The list is shipped in the repo so sign-up never depends on a network service or package.
import { writeFileSync } from "node:fs";
import { dictionary } from "@zxcvbn-ts/language-common";

const list = (dictionary["passwords-common"]).filter((p) => p.length >= 8);
const header = [
  "# Common passwords Nettle refuses, one a line, most common first (entries of 8+ characters).",
  "# From @zxcvbn-ts/language-common 4.1.3 (passwords.json), MIT licence, Copyright (c) 2021 zxcvbn-ts,",
  "# itself derived from public password frequency lists. Regenerate with scripts/build-common-passwords.ts.",
];
writeFileSync("prisma/data/common-passwords.txt", `${header.join("\n")}\n${list.join("\n")}\n`);
console.log(`wrote ${list.length} passwords`);
