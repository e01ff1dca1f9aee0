package actions

import (
	"context"

	"github.com/pingone-go/pingone"
)

func mfaSpecs() []spec {
	const (
		user    = "/environments/{environmentID}/users/{userID}"
		devices = user + "/devices"
		device  = devices + "/{deviceID}"
	)
	type userIn struct {
		UserID id `json:"userID"`
	}
	type deviceIn struct {
		UserID   id `json:"userID"`
		DeviceID id `json:"deviceID"`
	}
	return []spec{{
		name: "list_user_mfa_devices", title: "List User MFA Devices", family: "mfa", method: "GET", path: devices,
		sdk: "MFAService.ListDevices", hints: reads,
		desc: `Lists the user's MFA devices (email, SMS, voice, authenticator apps, FIDO2 keys, …), a page at a time, the default one first. The filter takes "type eq" and "status eq", joined with and/or; expand ["order"] or ["typeDisplayNames"] adds those details.`,
		run: list(func(ctx context.Context, x target, in *struct {
			UserID id       `json:"userID"`
			Filter filter   `json:"filter,omitzero"`
			Expand []string `json:"expand,omitzero"`
			paging
		}) (*pingone.Page[pingone.MFADevice], error) {
			return x.MFA.ListDevices(ctx, string(in.UserID), &pingone.ListDevicesOptions{Filter: in.Filter.f, Expand: in.Expand, ListOptions: in.opts()})
		}),
	}, {
		name: "pair_user_mfa_device", title: "Pair User MFA Device", family: "mfa", method: "POST", path: devices,
		sdk: "MFAService.PairDevice", hints: creates,
		desc: `Pairs an MFA device with the user: its type and, for EMAIL, the address, for SMS or VOICE, the phone number (with a leading "+"). status ACTIVATION_REQUIRED makes the user confirm the device first; policy picks the device policy (the default one otherwise). For a TOTP device, the enrolment secret the answer carries is redacted here. Mobile app devices cannot be paired this way.`,
		run: get(func(ctx context.Context, x target, in *struct {
			UserID id                        `json:"userID"`
			Body   pingone.PairDeviceRequest `json:"body"`
		}) (*pingone.MFADevice, error) {
			return x.MFA.PairDevice(ctx, string(in.UserID), in.Body)
		}),
	}, {
		name: "get_user_mfa_device", title: "Get User MFA Device", family: "mfa", method: "GET", path: device,
		sdk: "MFAService.GetDevice", hints: reads,
		desc: `Returns one of the user's MFA devices: its type, status, nickname, and whether it is locked or blocked.`,
		run: get(func(ctx context.Context, x target, in *deviceIn) (*pingone.MFADevice, error) {
			return x.MFA.GetDevice(ctx, string(in.UserID), string(in.DeviceID))
		}),
	}, {
		name: "delete_user_mfa_device", title: "Delete User MFA Device", family: "mfa", method: "DELETE", path: device,
		sdk: "MFAService.DeleteDevice", hints: deletes,
		desc: `Unpairs an MFA device from the user: it can no longer be used to sign on. It cannot be undone; the user must pair the device again.`,
		run: none(func(ctx context.Context, x target, in *deviceIn) error {
			return x.MFA.DeleteDevice(ctx, string(in.UserID), string(in.DeviceID))
		}),
	}, {
		name: "update_user_mfa_device_nickname", title: "Update User MFA Device Nickname", family: "mfa", method: "PUT", path: device + "/nickname",
		sdk: "MFAService.SetDeviceNickname", hints: replaces,
		desc: `Sets the name the user sees for one of their MFA devices, in place of the previous one.`,
		run: get(func(ctx context.Context, x target, in *struct {
			UserID   id           `json:"userID"`
			DeviceID id           `json:"deviceID"`
			Body     nicknameBody `json:"body"`
		}) (*pingone.MFADevice, error) {
			return x.MFA.SetDeviceNickname(ctx, string(in.UserID), string(in.DeviceID), in.Body.Nickname)
		}),
	}, {
		name: "get_user_mfa_enabled", title: "Get User MFA Enabled", family: "mfa", method: "GET", path: user + "/mfaEnabled",
		sdk: "MFAService.GetMFAEnabled", hints: reads,
		desc: `Returns whether MFA is turned on for the user.`,
		run: get(func(ctx context.Context, x target, in *userIn) (*pingone.UserMFAEnabled, error) {
			return x.MFA.GetMFAEnabled(ctx, string(in.UserID))
		}),
	}, {
		name: "update_user_mfa_enabled", title: "Update User MFA Enabled", family: "mfa", method: "PUT", path: user + "/mfaEnabled",
		sdk: "MFAService.SetMFAEnabled", hints: replaces,
		desc: `Turns MFA on or off for the user. Turned off, sign-on policies skip the user's MFA step; the paired devices are kept.`,
		run: get(func(ctx context.Context, x target, in *struct {
			UserID id             `json:"userID"`
			Body   mfaEnabledBody `json:"body"`
		}) (*pingone.UserMFAEnabled, error) {
			return x.MFA.SetMFAEnabled(ctx, string(in.UserID), in.Body.MFAEnabled)
		}),
	}}
}
