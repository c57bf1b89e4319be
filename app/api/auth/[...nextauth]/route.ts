import { handleAuthRequest } from "@/lib/auth/route.server";

export { handleAuthRequest as GET, handleAuthRequest as POST };
